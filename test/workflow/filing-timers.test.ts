/**
 * The filing workflow's durable timers on the time-skipping server: the
 * registry's review time (overdue work), a rejected document's correction
 * window, and a draft never submitted. Messages are delivered once each.
 */
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { addDays, createCalendar } from '../../domain/calendar';
import type { FilingPayloads, FilingView, OwedMessage } from '../../domain/filing';
import type { Actor } from '../../domain/identity/actor';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import { FILING_UPDATES, FILING_WORKFLOW, filingQuery, type FilingActivities, type FilingInput } from '../../workflows/filing/contract';
import type { AlertActivities } from '../../workflows/alerts/deliver-alerts';
import { timeSkippingEnvironment, uniqueId, workflowBundle } from '../support/temporal';

const filer: Actor = { id: 'acct-filer', role: 'individual-user', name: 'Chan Tai Man', partyId: 'C1' };
const officer: Actor = { id: 'ro-1', role: 'registry-officer', name: 'Registry Officer Lee' };
const file = (n: number) => ({ uploadId: `U${n}`, fileName: `doc${n}.pdf`, sha256: String(n).repeat(64).slice(0, 64), bytes: 1000, pages: 1 });

async function withFiling(body: (f: { handle: WorkflowHandle; delivered: string[]; step: <K extends keyof FilingPayloads & string>(name: K, actor: Actor, payload: FilingPayloads[K]) => Promise<FilingView>; skipTo: (date: string) => Promise<FilingView> }) => Promise<void>): Promise<void> {
  const env = await timeSkippingEnvironment();
  const delivered: string[] = [];
  const activities: FilingActivities & AlertActivities = {
    async projectFiling() {},
    async deliverDeadlineAlert({ alert }) {
      delivered.push(`alert:${alert.key}`);
      return null;
    },
    async deliverFilingMessage(owed: Omit<OwedMessage, 'deliveredAt'>) {
      delivered.push(owed.key);
    },
  };
  const taskQueue = uniqueId('filing');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
  try {
    await worker.runUntil(async () => {
      const reference = `EF-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
      const input: FilingInput = {
        reference,
        caseNo: 'SCTC-2026-000001',
        courtLevel: 'small-claims-tribunal',
        receivingOffice: 'small-claims-tribunal-registry',
        taxation: false,
        judgeApplication: false,
        caseParties: ['C1', 'D1'],
        filer: { accountId: filer.id, name: filer.name, role: filer.role, partyId: 'C1' },
        calendar: createCalendar(),
      };
      const handle = await env.client.workflow.start(FILING_WORKFLOW, { taskQueue, workflowId: reference, args: [input] });
      const step = async <K extends keyof FilingPayloads & string>(name: K, actor: Actor, payload: FilingPayloads[K]) => {
        try {
          return await handle.executeUpdate(FILING_UPDATES[name], { args: [{ actor, payload }] });
        } catch (err) {
          throw err instanceof WorkflowUpdateFailedError && err.cause ? err.cause : err;
        }
      };
      const skipTo = async (date: string) => {
        const wait = hkInstant(date, 9, 0) - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
        return handle.query(filingQuery);
      };
      try {
        await body({ handle, delivered, step, skipTo });
      } finally {
        await handle.terminate('test finished').catch(() => undefined);
      }
    });
  } finally {
    await env.teardown();
  }
}

const describeDoc = (n: number) => ({ uploadId: `U${n}`, file: file(n), type: 'letter' as const, purpose: 'for-filing' as const, language: 'en' as const, filingParty: 'C1', filedAgainst: ['D1'] });

describe('the filing workflow\'s timers', () => {
  it('when the registry has not reviewed a submission within its 2 working days, then the filing is overdue work, until it is reviewed', () =>
    withFiling(async ({ step, skipTo, delivered }) => {
      await step('addDocument', filer, describeDoc(1));
      const submitted = await step('submit', filer, {});
      const review = submitted.deadlines.find((d) => d.key === 'registry-review')!;
      expect(review.explanation).toMatch(/icms\.registry-review/);
      const overdue = await skipTo(addDays(review.computation.due, 1));
      expect(overdue.history.map((e) => e.event)).toContain('review-overdue');
      expect(overdue.alerts).toEqual([expect.objectContaining({ to: 'registry', resolvedOn: null })]);
      // The registry was alerted on the last day and when it passed, each once (no "before": the period is 2 working days).
      const due = review.computation.due;
      expect(delivered.filter((k) => k.startsWith('alert:'))).toEqual([`alert:registry-review@${due}#due-day`, `alert:registry-review@${due}#missed`]);
      const accepted = await step('acceptDocument', officer, { documentId: 'D1' });
      expect(accepted.stage).toBe('accepted');
      expect(accepted.alerts[0]?.resolvedOn).not.toBeNull();
      const done = await skipTo(addDays(review.computation.due, 2));
      expect(done.messages.every((m) => m.deliveredAt !== null)).toBe(true);
      expect(delivered.filter((k) => k.startsWith('filing-acknowledged:'))).toHaveLength(1);
      expect(delivered.filter((k) => k.startsWith('filing-confirmed:'))).toHaveLength(1);
    }));

  it('when a rejected document is not corrected within its 14 days, then its rejection stands and the filing is decided without it', () =>
    withFiling(async ({ step, skipTo }) => {
      await step('addDocument', filer, describeDoc(1));
      await step('addDocument', filer, describeDoc(2));
      await step('submit', filer, {});
      await step('acceptDocument', officer, { documentId: 'D1' });
      const rejected = await step('rejectDocument', officer, { documentId: 'D2', defects: [{ reason: 'illegible' }] });
      expect(rejected.stage).toBe('awaiting-correction');
      const window = rejected.deadlines.find((d) => d.key === 'correction:D2')!;
      const after = await skipTo(addDays(window.computation.due, 1));
      expect(after.stage).toBe('partly-accepted');
      // The filer was told a working day before the 14 days ended, on the last day, and when it passed.
      expect(after.deadlineAlerts?.filter((a) => a.deadlineKey === 'correction:D2').map((a) => [a.lead.kind, a.owner, a.deliveredAt !== null])).toEqual([
        ['before', 'C1', true],
        ['due-day', 'C1', true],
        ['missed', 'C1', true],
      ]);
      await expect(step('resubmitDocument', filer, { documentId: 'D2', uploadId: 'U3', file: file(3) })).rejects.toThrow();
    }));

  it('when a draft is never submitted, then it is abandoned after 30 days', () =>
    withFiling(async ({ handle, skipTo }) => {
      const opened = await handle.query(filingQuery);
      const day = hkDateOf(Date.parse(opened.createdAt));
      await skipTo(addDays(day, 32));
      const result = (await handle.result()) as FilingView;
      expect(result.stage).toBe('abandoned');
    }));
});
