/**
 * The daily digest's content on a known set of work items: overdue, due
 * today and due within the next working days (a closure day not counted),
 * court by court and what the officer holds; long sections cut with a count;
 * the words in English and Traditional Chinese.
 */
import { createCalendar, declareClosure } from '../../domain/calendar';
import { DIGEST_ITEMS_PER_SECTION, buildDigest, renderDigest } from '../../domain/digest/daily-digest';
import type { WorkItem } from '../../domain/work-queue/items';

const item = (id: string, due: string | null, overrides: Partial<WorkItem> = {}): WorkItem => ({
  id,
  kind: 'filing-review',
  court: 'small-claims-tribunal',
  reference: id,
  step: 'accept-document',
  otherSteps: [],
  roles: ['registry-officer'],
  party: null,
  due,
  title: `review ${id}`,
  claim: null,
  ...overrides,
});

// Monday 7 December 2026; Wednesday the 9th closed by a black rainstorm warning.
const today = '2026-12-07';
const calendar = declareClosure(createCalendar(), { date: '2026-12-09', reason: 'black rainstorm warning' });
const me = { accountId: 'officer-1', role: 'registry-officer' as const };

const items = [
  item('EF-2026-000001', '2026-12-04'),
  item('EF-2026-000002', today, { claim: { by: 'officer-1', byName: 'Lee Ka Yan', until: '2026-12-07T02:00:00Z' } }),
  item('EF-2026-000003', '2026-12-10'),
  // Three working days from Monday, the closed Wednesday not counted: Thursday the 10th is the second, Friday the 11th the third.
  item('EF-2026-000004', '2026-12-11', { court: 'district-court' }),
  item('EF-2026-000005', '2026-12-14'),
  item('EF-2026-000006', null),
  item('SCTC-2026-000007', today, { kind: 'sct-step', roles: ['adjudicator'], title: 'make the award' }),
];

describe('the daily digest', () => {
  it('when built on a known set of items, then each is in its section by due date, by court, and what the officer holds is apart', () => {
    const d = buildDigest(items, me, today, calendar);
    expect(d.horizonEnd).toBe('2026-12-11');
    const refs = (court: string) => {
      const s = d.courts.find((c) => c.court === court)!.sections;
      return { overdue: s.overdue.items.map((i) => i.reference), dueToday: s.dueToday.items.map((i) => i.reference), dueSoon: s.dueSoon.items.map((i) => i.reference) };
    };
    expect(refs('small-claims-tribunal')).toEqual({ overdue: ['EF-2026-000001'], dueToday: ['EF-2026-000002'], dueSoon: ['EF-2026-000003'] });
    expect(refs('district-court')).toEqual({ overdue: [], dueToday: [], dueSoon: ['EF-2026-000004'] });
    // An adjudicator's item is not the registry's; one due after the horizon, or never, is left for the queue.
    expect(JSON.stringify(d)).not.toMatch(/SCTC-2026-000007|EF-2026-000005|EF-2026-000006/);
    expect(d.mine.dueToday.items).toEqual([{ itemId: 'EF-2026-000002', reference: 'EF-2026-000002', title: 'review EF-2026-000002', due: today, heldBy: 'Lee Ka Yan' }]);
    expect(buildDigest(items, { accountId: 'adj-1', role: 'adjudicator' }, today, calendar).courts).toEqual([
      { court: 'small-claims-tribunal', sections: { overdue: { count: 0, items: [] }, dueToday: { count: 1, items: [expect.objectContaining({ reference: 'SCTC-2026-000007' })] }, dueSoon: { count: 0, items: [] } } },
    ]);
  });

  it('when a section is long, then it names the first items, due first, and counts the rest', () => {
    const many = Array.from({ length: DIGEST_ITEMS_PER_SECTION + 5 }, (_, i) => item(`EF-2026-${String(100 + i).padStart(6, '0')}`, '2026-12-01'));
    const d = buildDigest(many, me, today, calendar);
    const overdue = d.courts[0]!.sections.overdue;
    expect([overdue.count, overdue.items.length]).toEqual([DIGEST_ITEMS_PER_SECTION + 5, DIGEST_ITEMS_PER_SECTION]);
    expect(renderDigest(d, 'en').body).toContain('… and 5 more (see the work queue)');
    expect(renderDigest(d, 'zh-Hant').body).toContain('……另有 5 項（見工作佇列）');
  });

  it('when rendered, then the subject counts each section and the body names each item with its due date, in either language', () => {
    const d = buildDigest(items, me, today, calendar);
    const en = renderDigest(d, 'en');
    expect(en.subject).toBe('Daily digest 2026-12-07: 1 overdue, 1 due today, 2 due soon');
    expect(en.body).toContain('Held by you');
    expect(en.body).toContain('2026-12-04  EF-2026-000001  review EF-2026-000001');
    expect(en.body).toContain('District Court');
    const zh = renderDigest(d, 'zh-Hant');
    expect(zh.subject).toBe('每日摘要 2026-12-07：已逾期 1 項，今日到期 1 項，即將到期 2 項');
    expect(zh.body).toContain('區域法院');
    expect(zh.body).toContain('［由Lee Ka Yan處理］');
    expect(renderDigest(buildDigest([], me, today, calendar), 'en').body).toContain('Nothing is due.');
  });
});
