/**
 * The daily digest workflow: on a day the registry is open it sends the
 * day's digest; on a closure day (a declared closure, a weekend or general
 * holiday) it sends nothing and says why. Run on a dev server at today's
 * date, with the calendar the activity answers decided by the test.
 */
import { Worker } from '@temporalio/worker';
import { closedReason, createCalendar, declareClosure, type CourtCalendar } from '../../domain/calendar';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { DAILY_DIGEST_WORKFLOW, type DailyDigestActivities, type DailyDigestOutcome } from '../../workflows/digest/contract';
import { devServerEnvironment, uniqueId, workflowBundle } from '../support/temporal';

describe('the daily digest workflow', () => {
  it('when the registry is open it sends the digest for the day; when the day is closed it sends nothing and says why', async () => {
    const env = await devServerEnvironment();
    const taskQueue = uniqueId('digest');
    let calendar: CourtCalendar = createCalendar();
    const requests: { date: string; horizonWorkingDays: number }[] = [];
    const activities: DailyDigestActivities = {
      async currentCourtCalendar() {
        return calendar;
      },
      async sendDailyDigest({ date, horizonWorkingDays }) {
        requests.push({ date, horizonWorkingDays });
        return { date, recipients: 2, itemsDue: 5 };
      },
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
    const run = () => env.client.workflow.execute(DAILY_DIGEST_WORKFLOW, { taskQueue, workflowId: uniqueId('daily-digest'), args: [{ horizonWorkingDays: 4 }] }) as Promise<DailyDigestOutcome>;
    try {
      await worker.runUntil(async () => {
        const today = hkDateOf(Date.now());
        // Today as the calendar has it: a weekend or holiday is closed already.
        const closed = closedReason(calendar, today, 'registry');
        if (closed === null) {
          expect(await run()).toEqual({ date: today, sent: true, recipients: 2, itemsDue: 5 });
          expect(requests).toEqual([{ date: today, horizonWorkingDays: 4 }]);
        } else {
          expect(await run()).toEqual({ date: today, sent: false, skipped: `the registry is closed on ${today} (${closed})` });
        }
        // Today declared closed (a black rainstorm): nothing is sent, and the reason is given.
        const sentBefore = requests.length;
        calendar = declareClosure(calendar, { date: today, reason: 'black rainstorm warning' });
        const outcome = await run();
        expect(outcome).toMatchObject({ date: today, sent: false, skipped: expect.stringMatching(new RegExp(`^the registry is closed on ${today} \\(`)) });
        expect(requests).toHaveLength(sentBefore);
      });
    } finally {
      await env.teardown();
    }
  });
});
