/**
 * Request and response schemas for small claims: the single source of the
 * API's types and of their OpenAPI description.
 */
import { z } from 'zod';
import { deadlineAlerts, deadlineMove } from '../alerts/schemas';
import { SUBJECT_MATTERS, type SmallClaim } from '../../domain/sct/claim';
import { SCT_CASE_NUMBER_PATTERN } from '../../domain/sct/case-number';

const name = z.string().trim().min(1, 'must not be blank').max(200);

const address = z.strictObject({
  lines: z.array(z.string().trim().min(1, 'must not be blank').max(200)).min(1, 'needs at least one line').max(6),
  district: z.string().trim().min(1).max(100).optional(),
});

/** HK dollars in cents: a positive whole number, so HK$1,234.50 is 123450. */
const amountCents = z
  .number()
  .int('must be a whole number of cents')
  .positive('must be more than zero')
  .max(100_000_000_000, 'is implausibly large')
  .describe('Amount in Hong Kong cents (HK$1,234.50 is 123450)');

const claimant = z.strictObject({
  name,
  address,
  amountCents,
  signed: z.boolean().default(true).describe('s.12(4): a joint claimant or represented person may sign later, before the hearing date'),
  abandonExcess: z.boolean().optional().describe("s.9(1): this person abandons whatever of their own claim exceeds the limit (for a represented person, the representative does, s.21(3)(e))"),
});

const defendant = z.strictObject({ name, address });

export const fileClaimBody = z
  .strictObject({
    kind: z.enum(['individual', 'joint', 'representative']).default('individual'),
    subjectMatter: z.enum(SUBJECT_MATTERS),
    claimants: z.array(claimant).min(1, 'needs at least one claimant').max(100),
    representedPersons: z.array(claimant).max(1000).optional(),
    defendants: z.array(defendant).min(1, 'needs at least one defendant').max(100),
    particulars: z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .max(20_000)
      .describe('s.13(d): the grounds of the claim and how each amount is calculated'),
    abandonExcess: z
      .boolean()
      .optional()
      .describe('s.9: abandon whatever exceeds the monetary limit: for the one claimant of an individual claim, or the representative and everyone represented; refused in a joint claim, where each claimant sets their own'),
    causeOfAction: z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .max(500)
      .optional()
      .describe('s.8: what the claim arises from (an invoice, a contract, an accident); the same cause of action may not be split across claims to fit the limit'),
    language: z.enum(['en', 'zh']).default('en'),
  })
  .meta({ id: 'FileSmallClaim' });

// The request schema must produce exactly what the domain calls a small claim.
export type FileClaimBody = z.output<typeof fileClaimBody>;
const _domainShape: (body: FileClaimBody) => SmallClaim = (body) => body;
void _domainShape;

const localised = z.object({ en: z.string(), 'zh-Hant': z.string() });

const finding = z.object({ code: z.string(), section: z.string(), field: z.string(), message: z.string() }).meta({ id: 'Finding' });

export const caseNoParams = z.object({
  caseNo: z
    .string()
    .regex(SCT_CASE_NUMBER_PATTERN, 'must look like SCTC-2026-000123')
    .describe('Small Claims Tribunal case number, e.g. SCTC-2026-000123'),
});

export const filedClaimResponse = z
  .object({
    caseNo: z.string(),
    filedAt: z.string().describe('ISO instant the registry accepted the claim'),
    filedOn: z.string().describe('Filing date in Hong Kong (YYYY-MM-DD)'),
    warnings: z.array(finding).describe('What the registry noted on acceptance, e.g. joint claimants who must sign before the hearing (s.12(4))'),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'FiledClaim' });

/** A day that moved a deadline: it extended the end, or (in a period of 6 days or less) was not counted. */
const extension = z
  .object({ date: z.string(), reason: z.string(), kind: z.enum(['extended', 'not-counted']).optional(), subsection: z.string().optional() })
  .loose();

export const deadlineSchema = z
  .object({
    rule: z.string(),
    basis: z.string(),
    from: z.string(),
    unextendedDue: z.string(),
    due: z.string(),
    extensions: z.array(extension),
    policy: z.string(),
    calendarVersion: z.string(),
  })
  .loose()
  .meta({ id: 'Deadline' });

const trackedDeadline = z
  .object({
    key: z.string(),
    rule: z.string(),
    computation: deadlineSchema,
    owner: z.string().describe('A role, a party id (C1, D2…) or any-party'),
    status: z.enum(['open', 'met', 'lapsed', 'superseded']),
    closedOn: z.string().nullable(),
    outcome: z.string().nullable(),
    moves: z.array(deadlineMove).optional(),
    explanation: z.string().describe('The computation in words: rule, basis, event date, due date and each day that extended it'),
  })
  .meta({ id: 'TrackedDeadline' });

const pendingAction = z
  .object({
    step: z.string(),
    roles: z.array(z.string()),
    party: z.string().nullable(),
    dueBy: z.string().nullable(),
    rule: z.string().nullable(),
    note: z.string(),
  })
  .meta({ id: 'PendingAction' });

export const caseViewResponse = z
  .object({
    caseNo: z.string(),
    stage: z.enum(['awaiting-hearing', 'awaiting-listing', 'awaiting-outcome', 'decided', 'enforceable', 'transferred', 'closed']),
    filedAt: z.string(),
    filedOn: z.string(),
    kind: z.string(),
    parties: z.array(z.object({ id: z.string(), side: z.string(), name: z.string() }).loose()),
    claimedCents: z.number(),
    lawRevision: z.number().optional().describe('The revision of the procedure the case follows (absent: the first); see the README'),
    withinJurisdictionCents: z
      .number()
      .describe('What the tribunal is asked to award: the amounts claimed, less any excess abandoned (s.9) and amounts of persons struck out (s.12(4)(b)); not an admission by anyone'),
    amounts: z
      .object({
        claimed: z.string(),
        withinJurisdiction: z.string(),
        awarded: z.string().nullable(),
        costs: z.string().nullable(),
        preAwardInterest: z.string().nullable(),
        paid: z.string(),
        interestSinceAward: z.string().nullable().describe('s.33(3) interest since the award still owed, at the District Court judgment-debt rate in force on each day'),
        balance: z.string(),
      })
      .describe('The same sums as people read them, e.g. HK$12,500.00'),
    warnings: z.array(finding),
    hearing: z
      .object({
        date: z.string(),
        time: z.string().optional().describe('Hong Kong time the list begins, e.g. 09:30'),
        startsAt: z.string().describe('The same moment with the Hong Kong offset, e.g. 2026-12-14T09:30:00+08:00'),
        venue: z.object({ tribunal: localised, building: localised, address: localised }).optional(),
      })
      .nullable(),
    alerts: z.array(
      z
        .object({
          id: z.string(),
          at: z.string(),
          severity: z.enum(['notice', 'warning', 'urgent']),
          to: z.string(),
          rule: z.string().nullable(),
          message: z.string(),
          status: z.enum(['pending', 'answered', 'notice']).describe('pending until what it asks for is done; notice when it asks for nothing'),
          resolvedOn: z.string().nullable().optional(),
        })
        .loose(),
    ),
    latestHearing: deadlineSchema,
    deadlines: z.array(trackedDeadline),
    pendingActions: z.array(pendingAction),
    deadlineAlerts,
    outcome: z.object({ kind: z.string(), madeOn: z.string(), amountCents: z.number() }).loose().nullable(),
    balanceCents: z.number(),
    history: z.array(z.object({ at: z.string(), event: z.string(), detail: z.string() }).loose()),
    version: z.number().int(),
    readModel: z
      .object({
        status: z.enum(['current', 'behind']),
        source: z.enum(['read-model', 'workflow']),
        lag: z.object({ version: z.number().int(), since: z.string(), kind: z.string(), reason: z.string() }).optional(),
      })
      .optional()
      .describe('On reads: whether the read model holds the newest version; when it is behind, the case itself answered (source: workflow) or, if it could not, the stored version is marked behind'),
  })
  .loose()
  .meta({ id: 'SmallClaimCase' });
