/** The work queue's requests and answers (zod: the single source of their types and their OpenAPI entries). */
import { z } from 'zod';
import { COURT_LEVELS, type CourtLevel } from '../../domain/inbox/terms';
import { QUEUE_ROLES, WORK_ITEM_KINDS } from '../../domain/work-queue/items';

const COURTS = Object.keys(COURT_LEVELS) as [CourtLevel, ...CourtLevel[]];

/**
 * An item id as `workItemIds` builds it: `sct~SCTC-2026-000001~make-award`,
 * `sct~SCTC-2026-000001~record-service~D1`, `filing~EF-2026-000002~review`,
 * `filing~EF-2026-000002~draft-approval` (`~` needs no escaping in a path).
 */
export const WORK_ITEM_ID = /^(sct~SCTC-[0-9]{4}-[0-9]{6}~[a-z]+(-[a-z]+)*(~[A-Z]{1,3}[0-9]{1,4})?|filing~EF-[0-9]{4}-[0-9]{6}~(review|draft-approval))$/;

export const workItemParams = z.object({
  itemId: z
    .string()
    .regex(WORK_ITEM_ID, 'must be a work item id such as sct~SCTC-2026-000001~make-award or filing~EF-2026-000002~review')
    .describe('The item id, as the queue lists it'),
});

export const workQueueQuery = z.strictObject({
  court: z.enum(COURTS).optional().describe('Only items of this court'),
  kind: z.enum(WORK_ITEM_KINDS).optional(),
  assignee: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be me, unclaimed or an account id')
    .optional()
    .describe('me: items you hold; unclaimed: items nobody holds (an expired claim counts as none); or an account id: items that account holds'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const actQuery = z.strictObject({
  step: z
    .string()
    .regex(/^[a-z]+(-[a-z]+)*$/, 'must be a step as its route names it, e.g. reject-document')
    .optional()
    .describe("One of the item's steps (its `step` or one of `otherSteps`); the item's `step` if absent"),
});

const claim = z
  .object({ by: z.string().describe('Account id of the holder'), byName: z.string(), until: z.string().describe('When the claim expires unless renewed (ISO instant)') })
  .meta({ id: 'WorkClaim' });

export const workItem = z
  .object({
    id: z.string(),
    kind: z.enum(WORK_ITEM_KINDS),
    court: z.enum(COURTS),
    reference: z.string().describe('The case number or filing reference'),
    step: z.string().describe('The step `act` takes by default, as its route names it'),
    otherSteps: z.array(z.string()).describe('Other steps that dispose of the item (`act?step=…`)'),
    roles: z.array(z.enum(QUEUE_ROLES)),
    party: z.string().nullable(),
    due: z.string().nullable().describe('The last day for it (YYYY-MM-DD); null when no rule sets one (sorted last)'),
    title: z.string(),
    claim: claim.nullable().describe('Who holds it, while the claim is live; null when unclaimed or the claim expired'),
  })
  .meta({ id: 'WorkItem' });

export const workQueueResponse = z.object({ items: z.array(workItem), asOf: z.string() }).meta({ id: 'WorkQueue' });

export const actBody = z.record(z.string(), z.unknown()).describe("The step's payload, exactly as its own route takes it (e.g. accept-document: {\"documentId\": \"D1\"})");

export const actResponse = z
  .object({
    item: workItem.describe('The item acted on (now released)'),
    step: z.string(),
    version: z.number().int(),
    view: z.looseObject({ version: z.number().int() }).describe('The case or filing as it now stands, as its step route answers'),
  })
  .meta({ id: 'WorkItemActed' });
