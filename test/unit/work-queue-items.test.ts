/**
 * The work queue's items (domain/work-queue/items.ts): which pending actions
 * and filings become items, their stable ids, when each is due, the order
 * (due first, undated last, then by reference), and the 30-minute claim.
 */
import type { FilingView } from '../../domain/filing';
import type { PendingAction, SmallClaimView } from '../../domain/sct/case';
import {
  CLAIM_MINUTES,
  claimUntil,
  compareItems,
  filingItems,
  liveClaim,
  matchesFilter,
  smallClaimItems,
  sortItems,
  sourceOfItemId,
  visibleTo,
  withClaims,
  workItemIds,
  type WorkItem,
} from '../../domain/work-queue/items';

type CaseInput = Parameters<typeof smallClaimItems>[0];
type FilingInput = Parameters<typeof filingItems>[0];

const action = (over: Partial<PendingAction>): PendingAction => ({ step: 'make-award', roles: ['adjudicator'], party: null, dueBy: null, rule: null, note: 'hear the claim', ...over });

const deadline = (rule: string, due: string, status = 'open') => ({ key: rule, rule, status, computation: { due } }) as unknown as SmallClaimView['deadlines'][number];

const aCase = (over: Partial<CaseInput>): CaseInput => ({ caseNo: 'SCTC-2026-000001', stage: 'awaiting-hearing', pendingActions: [], deadlines: [], ...over });

const doc = (id: string, over: Partial<FilingView['documents'][number]> = {}) =>
  ({ id, type: 'letter', purpose: 'for-filing', status: 'pending-review', ...over }) as FilingView['documents'][number];

const aFiling = (over: Partial<FilingInput>): FilingInput => ({
  reference: 'EF-2026-000002',
  stage: 'submitted',
  courtLevel: 'district-court',
  procedureRevision: 2,
  documents: [doc('D1')],
  deadlines: [{ key: 'registry-review', status: 'open', computation: { due: '2026-12-03' } } as unknown as FilingView['deadlines'][number]],
  ...over,
});

const item = (over: Partial<WorkItem>): WorkItem => ({
  id: 'x',
  kind: 'sct-step',
  court: 'small-claims-tribunal',
  reference: 'SCTC-2026-000001',
  step: 'make-award',
  otherSteps: [],
  roles: ['registry-officer'],
  party: null,
  due: null,
  title: 't',
  claim: null,
  ...over,
});

describe('item ids', () => {
  it('when built, then they are stable, URL-safe and name their process', () => {
    expect(workItemIds.sctStep('SCTC-2026-000001', 'make-award', null)).toBe('sct~SCTC-2026-000001~make-award');
    expect(workItemIds.sctStep('SCTC-2026-000001', 'record-service', 'D1')).toBe('sct~SCTC-2026-000001~record-service~D1');
    expect(workItemIds.filingReview('EF-2026-000002')).toBe('filing~EF-2026-000002~review');
    expect(workItemIds.draftApproval('EF-2026-000002')).toBe('filing~EF-2026-000002~draft-approval');
    for (const id of [workItemIds.sctStep('SCTC-2026-000001', 'record-service', 'D1'), workItemIds.filingReview('EF-2026-000002')]) {
      expect(encodeURIComponent(id)).toBe(id);
    }
  });

  it('when read back, then each gives the process to look in, and an id no builder makes gives none', () => {
    expect(sourceOfItemId('sct~SCTC-2026-000001~record-service~D1')).toEqual({ source: 'sct', caseNo: 'SCTC-2026-000001' });
    expect(sourceOfItemId('filing~EF-2026-000002~review')).toEqual({ source: 'filing', reference: 'EF-2026-000002' });
    expect(sourceOfItemId('filing~EF-2026-000002')).toBeNull();
    expect(sourceOfItemId('case~X~y')).toBeNull();
  });
});

describe('items from a small claim', () => {
  it('when actions wait on parties only, then there is no item; when on the registry or an adjudicator, one per step and party', () => {
    const items = smallClaimItems(
      aCase({
        pendingActions: [
          action({ step: 'apply-for-review', roles: ['individual-user', 'org-user'], party: 'C1' }),
          action({ step: 'record-service', roles: ['registry-officer', 'individual-user'], party: 'D1', dueBy: '2027-01-20', note: 'serve D1' }),
          action({ step: 'record-service', roles: ['registry-officer', 'individual-user'], party: 'D2', dueBy: '2027-01-20', note: 'serve D2' }),
        ],
      }),
    );
    expect(items.map((i) => [i.id, i.roles, i.party, i.due])).toEqual([
      ['sct~SCTC-2026-000001~record-service~D1', ['registry-officer'], 'D1', '2027-01-20'],
      ['sct~SCTC-2026-000001~record-service~D2', ['registry-officer'], 'D2', '2027-01-20'],
    ]);
    expect(items[0]).toMatchObject({ kind: 'sct-step', court: 'small-claims-tribunal', reference: 'SCTC-2026-000001', step: 'record-service', title: 'serve D1', claim: null });
  });

  it('when an action has no date, then it is due on the earliest open period it answers; else it has no date', () => {
    const [writeAward, makeAward] = smallClaimItems(
      aCase({
        stage: 'decided',
        pendingActions: [action({ step: 'write-award', roles: ['adjudicator'] }), action({ step: 'make-award' })],
        deadlines: [deadline('sct.written-award', '2026-12-20'), deadline('sct.written-award', '2026-12-10'), deadline('sct.written-award', '2026-12-01', 'met')],
      }),
    );
    expect(writeAward).toMatchObject({ step: 'write-award', due: '2026-12-10' });
    expect(makeAward).toMatchObject({ step: 'make-award', due: null });
  });

  it('when one step waits twice, then it is one item, due at the earlier date', () => {
    const items = smallClaimItems(
      aCase({
        pendingActions: [
          action({ step: 'apply-order-consequence', roles: ['adjudicator'], dueBy: '2026-12-09', note: 'O1 not complied with' }),
          action({ step: 'apply-order-consequence', roles: ['registry-officer'], dueBy: '2026-12-05', note: 'O2 not complied with' }),
        ],
      }),
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ due: '2026-12-05', roles: ['registry-officer', 'adjudicator'], title: 'O1 not complied with (and 1 more)' });
  });

  it('when the case is closed, then nothing waits', () => {
    expect(smallClaimItems(aCase({ stage: 'closed', pendingActions: [action({})] }))).toEqual([]);
  });
});

describe('items from a filing', () => {
  it('when submitted with documents pending, then the registry reviews it by the last day of its review', () => {
    const [review] = filingItems(aFiling({ documents: [doc('D1'), doc('D2', { status: 'accepted' }), doc('D3', { type: 'praecipe' })] }));
    expect(review).toEqual({
      id: 'filing~EF-2026-000002~review',
      kind: 'filing-review',
      court: 'district-court',
      reference: 'EF-2026-000002',
      step: 'accept-document',
      otherSteps: ['reject-document'],
      roles: ['registry-officer'],
      party: null,
      due: '2026-12-03',
      title: 'review 2 documents: D1 letter, D3 praecipe',
      claim: null,
    });
  });

  it('when a draft writ for approval is pending, then an adjudicator may take the item too', () => {
    const [approval] = filingItems(aFiling({ documents: [doc('D1', { type: 'writ-of-fieri-facias', purpose: 'for-approval-of-draft' }), doc('D2', { type: 'praecipe', purpose: 'for-approval-of-draft' })] }));
    expect(approval).toMatchObject({ id: 'filing~EF-2026-000002~draft-approval', kind: 'draft-approval', roles: ['registry-officer', 'adjudicator'], title: 'approve the draft writ: D1 writ-of-fieri-facias' });
    // Filings opened before drafts were approved by a judge: the registry's review only.
    expect(filingItems(aFiling({ procedureRevision: undefined, documents: [doc('D1', { type: 'writ-of-fieri-facias', purpose: 'for-approval-of-draft' })] }))[0]?.kind).toBe('filing-review');
  });

  it('when a filing is a draft, awaits payment or correction, or is decided, then it is not in the queue', () => {
    for (const stage of ['draft', 'awaiting-payment', 'awaiting-correction', 'accepted', 'cancelled'] as const) expect(filingItems(aFiling({ stage }))).toEqual([]);
    expect(filingItems(aFiling({ documents: [doc('D1', { status: 'accepted' })] }))).toEqual([]);
  });
});

describe('order', () => {
  it('when sorted, then the earliest due comes first, undated items last, ties by reference then id', () => {
    const sorted = sortItems([
      item({ id: 'a', due: null, reference: 'A' }),
      item({ id: 'b', due: '2026-12-05', reference: 'Z' }),
      item({ id: 'c', due: '2026-12-01', reference: 'Y' }),
      item({ id: 'e', due: '2026-12-05', reference: 'B' }),
      item({ id: 'd', due: '2026-12-05', reference: 'B' }),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['c', 'd', 'e', 'b', 'a']);
    expect(compareItems(item({ id: 'same' }), item({ id: 'same' }))).toBe(0);
  });
});

describe('claims', () => {
  const at = Date.parse('2026-12-01T02:00:00.000Z');

  it('when claimed, then it holds for 30 minutes, and is no claim from the moment it expires', () => {
    expect(CLAIM_MINUTES).toBe(30);
    const claim = { by: 'acc-1', byName: 'Officer Wong', until: claimUntil(at) };
    expect(claim.until).toBe('2026-12-01T02:30:00.000Z');
    expect(liveClaim(claim, at + 29 * 60_000)).toEqual(claim);
    expect(liveClaim(claim, at + 30 * 60_000)).toBeNull();
    expect(liveClaim(null, at)).toBeNull();
  });

  it('when claims are merged into items, then an expired one shows as unclaimed, and the filters read the live ones', () => {
    const items = [item({ id: 'mine' }), item({ id: 'theirs' }), item({ id: 'stale' }), item({ id: 'free', kind: 'filing-review', court: 'district-court' })];
    const claims = new Map([
      ['mine', { by: 'me-1', byName: 'Me', until: claimUntil(at) }],
      ['theirs', { by: 'other-2', byName: 'Other', until: claimUntil(at) }],
      ['stale', { by: 'other-2', byName: 'Other', until: claimUntil(at - 31 * 60_000) }],
    ]);
    const merged = withClaims(items, claims, at);
    expect(merged.map((i) => [i.id, i.claim?.by ?? null])).toEqual([
      ['mine', 'me-1'],
      ['theirs', 'other-2'],
      ['stale', null],
      ['free', null],
    ]);
    const ids = (filter: Parameters<typeof matchesFilter>[1]) => merged.filter((i) => matchesFilter(i, filter, 'me-1')).map((i) => i.id);
    expect(ids({ assignee: 'me' })).toEqual(['mine']);
    expect(ids({ assignee: 'unclaimed' })).toEqual(['stale', 'free']);
    expect(ids({ assignee: 'other-2' })).toEqual(['theirs']);
    expect(ids({ kind: 'filing-review' })).toEqual(['free']);
    expect(ids({ court: 'small-claims-tribunal' })).toEqual(['mine', 'theirs', 'stale']);
  });

  it('when a role looks, then it sees only the items for its role', () => {
    const registryOnly = item({ roles: ['registry-officer'] });
    const both = item({ roles: ['registry-officer', 'adjudicator'] });
    expect([visibleTo(registryOnly, 'adjudicator'), visibleTo(both, 'adjudicator'), visibleTo(registryOnly, 'registry-officer'), visibleTo(both, 'auditor')]).toEqual([false, true, true, false]);
  });
});
