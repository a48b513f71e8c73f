/**
 * The work queues of registry officers and adjudicators (issue 12, item 4):
 * what is waiting on the court's staff, across small claims and filings,
 * derived from the same views the read models hold (a small claim's items
 * are written beside its view, in the same transaction, by its projection,
 * so they cannot disagree with it), sorted by when it is due, and who holds
 * each item while they work on it.
 *
 * Sources:
 * - a small claim's pending actions (`pendingActions`) whose roles include
 *   the registry or an adjudicator: one item per step and party;
 * - a filing awaiting the registry's review (`submitted`, `under-review`):
 *   one item, due on the last day of the review (`icms.registry-review`);
 *   a draft writ for approval among its pending documents makes it a
 *   `draft-approval` item, which a judge (`adjudicator`) may take too.
 *
 * A claim lasts 30 minutes from when it was made or last renewed (claiming
 * again renews it); once expired it is shown as unclaimed and anyone may
 * take the item over. Pure: the time is passed in.
 */
import type { IsoDate } from '../calendar';
import { filingKeys, isDraftWrit, type FilingView } from '../filing';
import type { Role } from '../identity/actor';
import type { CourtLevel } from '../inbox/terms';
import { PHASES, type PendingAction, type SmallClaimView } from '../sct/case';
import { stepSlug } from '../steps/step-kit';

export const WORK_ITEM_KINDS = ['sct-step', 'filing-review', 'draft-approval'] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/** The roles that have a work queue. */
export const QUEUE_ROLES = ['registry-officer', 'adjudicator'] as const satisfies readonly Role[];
export type QueueRole = (typeof QUEUE_ROLES)[number];

export const isQueueRole = (role: Role): role is QueueRole => (QUEUE_ROLES as readonly Role[]).includes(role);

/** Who holds an item, and until when (ISO instant). */
export interface WorkClaim {
  by: string;
  byName: string;
  until: string;
}

export interface WorkItem {
  /** Stable and URL-safe: `sct~SCTC-2026-000001~make-award`, `sct~…~record-service~D1`, `filing~EF-2026-000002~review`. */
  id: string;
  kind: WorkItemKind;
  court: CourtLevel;
  /** The case number or filing reference the step is taken on. */
  reference: string;
  /** The step as its route names it (`make-award`, `accept-document`): what `act` takes by default. */
  step: string;
  /** Other steps that also dispose of the item (`reject-document` for a review). */
  otherSteps: string[];
  /** The queue roles that may take it. */
  roles: QueueRole[];
  /** The party the step concerns, where it is one party's (`D1` to be served). */
  party: string | null;
  /** The last day for it, where a rule sets one (or the earliest open period it answers); null sorts last. */
  due: IsoDate | null;
  /** Short words: what to do. */
  title: string;
  claim: WorkClaim | null;
}

// ---------------------------------------------------------------------------
// Identifiers: built here, and read back by splitting (never by a pattern).

const SEP = '~';

export const workItemIds = {
  sctStep: (caseNo: string, step: string, party: string | null) => ['sct', caseNo, step, ...(party ? [party] : [])].join(SEP),
  filingReview: (reference: string) => ['filing', reference, 'review'].join(SEP),
  draftApproval: (reference: string) => ['filing', reference, 'draft-approval'].join(SEP),
};

/** Which process an item id belongs to: what to read to find the item. Null for an id no builder makes. */
export type WorkItemSource = { source: 'sct'; caseNo: string } | { source: 'filing'; reference: string };

export function sourceOfItemId(id: string): WorkItemSource | null {
  const [source, reference, ...rest] = id.split(SEP);
  if (!reference || rest.length === 0) return null;
  if (source === 'sct' && rest.length <= 2) return { source: 'sct', caseNo: reference };
  if (source === 'filing' && rest.length === 1) return { source: 'filing', reference };
  return null;
}

// ---------------------------------------------------------------------------
// Items from a small claim.

const asQueueRoles = (roles: readonly Role[]): QueueRole[] => QUEUE_ROLES.filter((r) => roles.includes(r));

/** The deadline rules a step meets (its phase's `meets`), by the step's route name. */
function rulesMetBy(slug: string): string[] {
  return PHASES.flatMap((phase) => Object.entries(phase.meets ?? {}).flatMap(([rule, step]) => (step !== undefined && stepSlug(step) === slug ? [rule] : [])));
}

const earliest = (dates: readonly (IsoDate | null)[]): IsoDate | null => dates.reduce<IsoDate | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);

/** When an action is due: its own date, else the earliest open period it answers, else null. */
function dueOf(action: PendingAction, view: Pick<SmallClaimView, 'deadlines'>): IsoDate | null {
  if (action.dueBy) return action.dueBy;
  const rules = rulesMetBy(action.step);
  if (rules.length === 0) return null;
  return earliest(view.deadlines.filter((d) => d.status === 'open' && rules.includes(d.rule)).map((d) => d.computation.due));
}

/** The registry's and adjudicators' items of one small claim: one per step and party (two actions of one step are one item, due at the earlier). */
export function smallClaimItems(view: Pick<SmallClaimView, 'caseNo' | 'stage' | 'pendingActions' | 'deadlines'>): WorkItem[] {
  if (view.stage === 'closed') return [];
  const byId = new Map<string, WorkItem & { notes: string[] }>();
  for (const action of view.pendingActions) {
    const roles = asQueueRoles(action.roles);
    if (roles.length === 0) continue;
    const id = workItemIds.sctStep(view.caseNo, action.step, action.party);
    const due = dueOf(action, view);
    const seen = byId.get(id);
    if (seen) {
      seen.due = earliest([seen.due, due]) ?? null;
      seen.notes.push(action.note);
      seen.roles = QUEUE_ROLES.filter((r) => seen.roles.includes(r) || roles.includes(r));
      continue;
    }
    byId.set(id, {
      id,
      kind: 'sct-step',
      court: 'small-claims-tribunal',
      reference: view.caseNo,
      step: action.step,
      otherSteps: [],
      roles,
      party: action.party,
      due,
      title: action.note,
      claim: null,
      notes: [action.note],
    });
  }
  return [...byId.values()].map(({ notes, ...item }) => ({ ...item, title: notes.length > 1 ? `${notes[0] ?? ''} (and ${notes.length - 1} more)` : item.title }));
}

// ---------------------------------------------------------------------------
// Items from a filing.

const UNDER_REGISTRY_REVIEW: readonly string[] = ['submitted', 'under-review'];

/** Filings opened under the procedure that approves drafts and seals writs (the workflow's `icms-fees-and-writs` patch). */
const approvesDrafts = (view: Pick<FilingView, 'procedureRevision'>) => (view.procedureRevision ?? 1) >= 2;

/**
 * A filing awaiting the registry: one item. Its pending documents are what
 * to decide (`accept-document`, `reject-document`); if a draft writ for
 * approval is among them the item is a `draft-approval`, which an
 * adjudicator may take too (the workflow lets a judge approve only the draft).
 */
export function filingItems(view: Pick<FilingView, 'reference' | 'stage' | 'courtLevel' | 'documents' | 'deadlines' | 'procedureRevision'>): WorkItem[] {
  if (!UNDER_REGISTRY_REVIEW.includes(view.stage)) return [];
  const pending = view.documents.filter((d) => d.status === 'pending-review');
  if (pending.length === 0) return [];
  const review = view.deadlines.find((d) => d.key === filingKeys.registryReview() && d.status === 'open');
  const due = review?.computation.due ?? null;
  const drafts = approvesDrafts(view) ? pending.filter(isDraftWrit) : [];
  const listed = (docs: typeof pending) => docs.map((d) => `${d.id} ${d.type}`).join(', ');
  const common = { court: view.courtLevel, reference: view.reference, step: stepSlug('acceptDocument'), otherSteps: [stepSlug('rejectDocument')], party: null, due, claim: null };
  if (drafts.length > 0) {
    return [{ ...common, id: workItemIds.draftApproval(view.reference), kind: 'draft-approval', roles: ['registry-officer', 'adjudicator'], title: `approve the draft writ: ${listed(drafts)}` }];
  }
  const noun = pending.length === 1 ? 'document' : 'documents';
  return [{ ...common, id: workItemIds.filingReview(view.reference), kind: 'filing-review', roles: ['registry-officer'], title: `review ${pending.length} ${noun}: ${listed(pending)}` }];
}

// ---------------------------------------------------------------------------
// Order, claims, filters.

/** Due first (items without a date last), then by reference, then by id. */
export function compareItems(a: WorkItem, b: WorkItem): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due < b.due ? -1 : 1;
  }
  if (a.reference !== b.reference) return a.reference < b.reference ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const sortItems = (items: readonly WorkItem[]): WorkItem[] => [...items].sort(compareItems);

/** A claim lasts this long from when it was made or last renewed. */
export const CLAIM_MINUTES = 30;

/** Until when a claim made (or renewed) at `nowMs` holds. */
export const claimUntil = (nowMs: number): string => new Date(nowMs + CLAIM_MINUTES * 60_000).toISOString();

/** The claim if it still holds at `nowMs`; an expired claim is no claim. */
export const liveClaim = (claim: WorkClaim | null | undefined, nowMs: number): WorkClaim | null => (claim && Date.parse(claim.until) > nowMs ? claim : null);

/** The items with their live claims (an expired claim shows as unclaimed). */
export function withClaims(items: readonly WorkItem[], claims: ReadonlyMap<string, WorkClaim>, nowMs: number): WorkItem[] {
  return items.map((item) => ({ ...item, claim: liveClaim(claims.get(item.id), nowMs) }));
}

/** `me`, `unclaimed`, or an account id. */
export type Assignee = 'me' | 'unclaimed' | (string & {});

export interface WorkQueueFilter {
  court?: CourtLevel;
  kind?: WorkItemKind;
  assignee?: Assignee;
}

/** Whether a member of `role` sees the item in their queue. */
export const visibleTo = (item: WorkItem, role: Role): boolean => isQueueRole(role) && item.roles.includes(role);

export function matchesFilter(item: WorkItem, filter: WorkQueueFilter, accountId: string): boolean {
  if (filter.court && item.court !== filter.court) return false;
  if (filter.kind && item.kind !== filter.kind) return false;
  switch (filter.assignee) {
    case undefined:
      return true;
    case 'unclaimed':
      return item.claim === null;
    case 'me':
      return item.claim?.by === accountId;
    default:
      return item.claim?.by === filter.assignee;
  }
}
