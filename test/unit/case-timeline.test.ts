/**
 * A case's timeline from its recorded event history: each record of the case
 * with when, who and for whom, the step and its provision, and the periods
 * each version set, moved (a closure day) and closed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { timelineFromHistories } from '../../services/history/case-history';

const fixture = (name: string) => temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'histories', name), 'utf8')));

describe('a case timeline from its event history', () => {
  const entries = timelineFromHistories('small-claim', [{ runId: 'run-1', history: fixture('deadline-alerts-moved-and-missed.json') }]);

  it('when read, then every record is there once, in order, numbered from 1', () => {
    expect(entries.map((e) => e.n)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.slice(0, 2).map((e) => e.event)).toEqual(['claim-filed', 'hearing-fixed']);
    expect(entries.map((e) => e.event)).toEqual(expect.arrayContaining(['service-recorded', 'hearing-day', 'award-made', 'deadline-moved', 'period-ended']));
    expect(entries.every((e) => e.runId === 'run-1' && /^\d+$/.test(e.eventId))).toBe(true);
  });

  it("when a person took a step, then the entry names them, for whom, the step and the provision it rests on", () => {
    const served = entries.find((e) => e.event === 'service-recorded')!;
    expect(served).toMatchObject({ actor: { role: 'registry-officer' }, step: 'recordService', basis: expect.stringMatching(/^Cap\. 338/) });
    const award = entries.find((e) => e.step === 'makeAward')!;
    expect(award).toMatchObject({ actor: { role: 'adjudicator' }, basis: expect.stringContaining('Cap. 338') });
    // The award opened the written-award period (s.18(3)).
    const set = entries.flatMap((e) => e.deadlines.set.map((d) => [d.key, d.basis]));
    expect(set).toEqual(expect.arrayContaining([['written-award', expect.stringContaining('s.18(3)')]]));
  });

  it('when a closure day moved a period and it later lapsed, then the timeline says so, from which day to which', () => {
    const moved = entries.flatMap((e) => e.deadlines.moved).find((d) => d.key === 'written-award')!;
    expect((moved.from ?? '') < moved.due).toBe(true);
    expect(moved.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const closed = entries.flatMap((e) => e.deadlines.closed).find((d) => d.key === 'written-award')!;
    expect(closed).toMatchObject({ status: 'lapsed', due: moved.due });
    // What the case did by itself has no actor and no step.
    expect(entries.find((e) => e.event === 'period-ended')).toMatchObject({ actor: null, step: null });
  });
});
