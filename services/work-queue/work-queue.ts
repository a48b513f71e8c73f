/**
 * The work queues of registry officers and adjudicators (issue 12, item 4),
 * as use-cases: list what is waiting on the caller's role, claim an item so
 * nobody else acts on it meanwhile, release it, and act on it in one call.
 * Items are derived from the read models (domain/work-queue/items.ts);
 * acting goes through the same use-cases as the step routes (enter the case
 * or filing, then take the step), so every rule of the step still applies.
 */
import { FILING_STEPS, type FilingPayloads, type FilingView } from '../../domain/filing';
import { STEP_NAMES, type SmallClaimView, type StepPayloads } from '../../domain/sct/case';
import { stepSlug } from '../../domain/steps/step-kit';
import {
  claimUntil,
  filingItems,
  isQueueRole,
  liveClaim,
  smallClaimItems,
  sourceOfItemId,
  visibleTo,
  type WorkClaim,
  type WorkItem,
  type WorkQueueFilter,
} from '../../domain/work-queue/items';
import { claimItem, claimsOf, releaseItem } from '../../db/work-claims';
import { filingSnapshot, smallClaimSnapshot, workItems } from '../../db/work-queue-sources';
import type { Caller } from '../audit';
import { notFound, UseCaseError } from '../errors';
import { enterFiling, takeFilingStep, type FilingDeps } from '../filing/filings';
import { enterSmallClaim, takeSmallClaimStep } from '../sct/small-claim-case';

export type WorkQueueDeps = Pick<FilingDeps, 'pool' | 'temporal' | 'calendar' | 'now'>;

const nowOf = (deps: Pick<WorkQueueDeps, 'now'>) => (deps.now ?? (() => new Date()))();

function queueRoleOf(caller: Caller) {
  const { role } = caller.actor;
  if (!isQueueRole(role)) throw new UseCaseError('forbidden', 'no-work-queue', 'No work queue', `A ${role} has no work queue; registry officers and adjudicators do`);
  return role;
}

export interface WorkQueueRequest extends WorkQueueFilter {
  limit: number;
}

export interface WorkQueue {
  items: WorkItem[];
  /** When the claims were judged (an expired claim shows as unclaimed). */
  asOf: string;
}

/** What is waiting on the caller's role, due first, with who holds each item. */
export async function listWorkQueue(deps: WorkQueueDeps, caller: Caller, request: WorkQueueRequest): Promise<WorkQueue> {
  const role = queueRoleOf(caller);
  const now = nowOf(deps);
  const { limit, ...filter } = request;
  const items = await workItems(deps.pool, now.getTime(), { role, filter, accountId: caller.actor.id, limit });
  return { items, asOf: now.toISOString() };
}

/** The item as the caller's queue shows it now, with its live claim; not found if it is not (or no longer) in their queue. */
export async function findWorkItem(deps: Pick<WorkQueueDeps, 'pool' | 'now'>, caller: Caller, itemId: string): Promise<WorkItem> {
  const role = queueRoleOf(caller);
  const source = sourceOfItemId(itemId);
  let items: WorkItem[] = [];
  if (source?.source === 'sct') {
    const view = await smallClaimSnapshot(deps.pool, source.caseNo);
    items = view ? smallClaimItems(view) : [];
  } else if (source?.source === 'filing') {
    const view = await filingSnapshot(deps.pool, source.reference);
    items = view ? filingItems(view) : [];
  }
  const item = items.find((i) => i.id === itemId && visibleTo(i, role));
  if (!item) throw notFound(`Work item ${itemId}`);
  const claims = await claimsOf(deps.pool, [item.id]);
  return { ...item, claim: liveClaim(claims.get(item.id), nowOf(deps).getTime()) };
}

function heldByAnother(item: WorkItem, claim: WorkClaim): UseCaseError {
  return new UseCaseError('conflict', 'claimed-by-another', 'Someone else holds this item', `${item.id} is held by ${claim.byName} until ${claim.until}`, { claim });
}

/** Claims the item for the caller for 30 minutes (claiming again renews it); refused if someone else holds a live claim. */
export async function claimWorkItem(deps: Pick<WorkQueueDeps, 'pool' | 'now'>, caller: Caller, itemId: string): Promise<WorkItem> {
  const item = await findWorkItem(deps, caller, itemId);
  const at = nowOf(deps);
  const claim = await claimItem(deps.pool, { itemId: item.id, by: caller.actor.id, byName: caller.actor.name, at, until: new Date(claimUntil(at.getTime())) });
  if (claim.by !== caller.actor.id) throw heldByAnother(item, claim);
  return { ...item, claim };
}

/** Lets go of the caller's claim; someone else's live claim is theirs to release (refused). Releasing an unclaimed item changes nothing. */
export async function releaseWorkItem(deps: Pick<WorkQueueDeps, 'pool' | 'now'>, caller: Caller, itemId: string): Promise<WorkItem> {
  const item = await findWorkItem(deps, caller, itemId);
  if (item.claim && item.claim.by !== caller.actor.id) throw heldByAnother(item, item.claim);
  await releaseItem(deps.pool, item.id, caller.actor.id);
  return { ...item, claim: null };
}

/** Which process a step belongs to, and its name in the step table (`acceptDocument`). */
export type StepOf = { process: 'sct'; name: keyof StepPayloads & string } | { process: 'filing'; name: keyof FilingPayloads & string };

function stepOf(item: WorkItem, slug: string): StepOf | undefined {
  if (item.kind === 'sct-step') {
    const name = STEP_NAMES.find((n) => stepSlug(n) === slug);
    return name ? { process: 'sct', name } : undefined;
  }
  const name = (Object.keys(FILING_STEPS) as (keyof FilingPayloads & string)[]).find((n) => stepSlug(n) === slug);
  return name ? { process: 'filing', name } : undefined;
}

export interface ActRequest {
  /** One of the item's steps (`reject-document`); the item's own step if absent. */
  step?: string;
  /** The step's payload, as sent. */
  body: unknown;
  /** Checks the payload against the step's schema (the API's zod schemas); throws a 400 problem if it is invalid. */
  parse: (step: StepOf, body: unknown) => unknown;
  expectedVersion?: number;
  idempotencyKey?: string;
}

export interface ActResult {
  item: WorkItem;
  step: string;
  view: SmallClaimView | FilingView;
}

/**
 * Takes the item's step in one call: refused (409, naming the holder and
 * until when) if someone else holds a live claim; claimed for the caller if
 * unclaimed; then the step, through the same use-case as its own route, so
 * every rule of the step applies; released once the step is taken. A
 * refused step leaves the claim with the caller, who is working on it.
 */
export async function actOnItem(deps: WorkQueueDeps, caller: Caller, itemId: string, request: ActRequest): Promise<ActResult> {
  const item = await findWorkItem(deps, caller, itemId);
  const slug = request.step ?? item.step;
  const step = [item.step, ...item.otherSteps].includes(slug) ? stepOf(item, slug) : undefined;
  if (!step) {
    throw new UseCaseError('invalid', 'not-a-step-of-the-item', 'Not a step of this item', `${item.id} is disposed of by ${[item.step, ...item.otherSteps].join(' or ')}, not ${slug}`, {
      errors: [{ field: 'step', rule: 'one-of', message: `one of ${[item.step, ...item.otherSteps].join(', ')}` }],
    });
  }
  if (item.claim && item.claim.by !== caller.actor.id) throw heldByAnother(item, item.claim);
  const payload = request.parse(step, request.body);
  const at = nowOf(deps);
  const claim = await claimItem(deps.pool, { itemId: item.id, by: caller.actor.id, byName: caller.actor.name, at, until: new Date(claimUntil(at.getTime())) });
  if (claim.by !== caller.actor.id) throw heldByAnother(item, claim);
  const versioned = {
    ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
  };
  const view = step.process === 'sct' ? await stepInCase(deps, caller, item.reference, step.name, payload, versioned) : await stepOnFiling(deps, caller, item.reference, step.name, payload, versioned);
  await releaseItem(deps.pool, item.id, caller.actor.id);
  return { item: { ...item, claim: null }, step: slug, view };
}

type Versioned = { expectedVersion?: number; idempotencyKey?: string };

async function stepInCase<K extends keyof StepPayloads & string>(deps: WorkQueueDeps, caller: Caller, caseNo: string, name: K, payload: unknown, versioned: Versioned) {
  const entered = await enterSmallClaim(deps, caller, caseNo);
  return takeSmallClaimStep(deps, entered, { caseNo, step: name, payload: payload as StepPayloads[K], ...versioned });
}

async function stepOnFiling<K extends keyof FilingPayloads & string>(deps: WorkQueueDeps, caller: Caller, reference: string, name: K, payload: unknown, versioned: Versioned) {
  const entered = await enterFiling(deps, caller, reference);
  return takeFilingStep(deps, entered, name, { reference, payload: payload as FilingPayloads[K], ...versioned });
}
