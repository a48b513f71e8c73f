/**
 * The body of each human step, as zod schemas: the API's single source of
 * their request types and OpenAPI description. Each is checked at compile
 * time against the domain's `StepPayloads`, so the two cannot drift.
 */
import { z } from 'zod';
import { COURT_DECISIONS, TRANSFER_FORUMS, type StepName, type StepPayloads } from '../../domain/sct/case';
import { SUBJECT_MATTERS } from '../../domain/sct/claim';

const date = z.iso.date().describe('YYYY-MM-DD (Hong Kong date)');
const text = (max = 2000) => z.string().trim().min(1, 'must not be blank').max(max);
const partyId = z.string().regex(/^[CRD]\d{1,4}$/, 'must be a party id such as C1, R2 or D1');
const cents = z.number().int('must be a whole number of cents').min(0).max(100_000_000_000);
const positiveCents = cents.positive('must be more than zero');

const awardTerms = {
  summary: text(),
  oral: z.boolean().describe('s.18(3): made orally at the hearing (to be written within 14 days)'),
  amountCents: cents,
  costsCents: cents.default(0).describe('s.24 costs'),
  preAwardInterestCents: cents.default(0).describe('Cases opened before the November 2026 revision only: s.33(1) interest typed as a sum. Now 0; use preAwardInterest'),
  preAwardInterest: z
    .strictObject({
      onCents: cents.describe('the part of the claim interest is on (all or part, s.33(1))'),
      from: date.describe('when interest begins: the cause of action or later'),
      to: date.optional().describe('when it ends: the award (the default) or earlier'),
    })
    .optional()
    .describe('s.33(1), (4): interest to the award, computed at the District Court judgment-debt rate in force on each day'),
  postAwardInterestRatePercent: z
    .number()
    .min(0)
    .max(100)
    .default(0)
    .describe('Cases opened before the November 2026 revision only. Interest after the award now runs by law at the judgment-debt rate (s.33(3), (4)): leave at 0'),
  payBy: date.nullable().default(null),
};

export const STEP_SCHEMAS = {
  fixHearing: z.strictObject({ date, reason: text(500) }),
  recordService: z.strictObject({
    partyId,
    document: z.enum(['claim-and-notice-of-hearing', 'written-award', 'reasons']),
    manner: z.enum(['personal-delivery', 'left-at-address', 'post', 'as-directed']).describe('The four manners of s.14(2)'),
    direction: text(500).optional(),
    servedOn: date,
  }),
  recordSignature: z.strictObject({ partyId, signedOn: date }),
  recordCourtDecision: z.strictObject({
    applicationId: z.string().regex(/^P\d+$/),
    decision: z.enum(COURT_DECISIONS),
    decidedOn: date,
    note: z.string().max(2000).default(''),
    award: z.enum(['reversed', 'varied']).optional().describe('s.29: for an appeal allowed, what it left of the award; enforcement (s.32) follows it'),
    amountCents: cents.optional().describe('s.29: the sum of the award as varied'),
  }),
  recordCompliance: z.strictObject({ orderId: z.string().regex(/^O\d+$/), compliedOn: date }),
  recordCounterclaimDecided: z.strictObject({ decidedOn: date, summary: text() }),
  closeCase: z.strictObject({ reason: text(500) }),
  adjourn: z.strictObject({ toDate: date.nullable(), reason: text(500) }),
  makeAward: z.strictObject({
    ...awardTerms,
    kind: z.enum(['award', 'order']),
    against: z.array(partyId).max(100),
    inFavourOf: z.array(partyId).max(100),
    absentParties: z.array(partyId).max(100).default([]),
  }),
  enterDefaultJudgment: z.strictObject({ ...awardTerms, against: z.array(partyId).min(1).max(100), affidavitFiled: z.boolean().default(false).describe("s.17: whether the claimant's affidavit supports the application (optional)") }),
  dismiss: z.strictObject({
    ground: z.enum(['frivolous', 'vexatious']),
    summary: text(),
    oral: z.boolean(),
    costsCents: cents.default(0),
    payBy: date.nullable().default(null),
    absentParties: z.array(partyId).max(100).default([]),
  }),
  transfer: z.strictObject({ to: z.enum(TRANSFER_FORUMS), reason: text(1000) }),
  consolidate: z.strictObject({ withCaseNo: z.string().regex(/^SCTC-\d{4}-\d{6}$/), ground: text(1000) }),
  strikeOutUnsigned: z.strictObject({ partyIds: z.array(partyId).min(1).max(1000) }),
  writeAward: z.strictObject({ writtenOn: date }),
  reviewOnOwnMotion: z.strictObject({ grounds: text() }),
  decideReview: z.strictObject({
    applicationId: z.string().regex(/^P\d+$/),
    result: z.enum(['confirmed', 'varied', 'reversed', 'rehearing']),
    summary: text(),
    amountCents: cents.optional(),
    rehearingDate: date.optional(),
  }),
  decideSetAside: z.strictObject({ applicationId: z.string().regex(/^P\d+$/), result: z.enum(['set-aside', 'refused']), summary: text(), rehearingDate: date.optional() }),
  makeOrder: z.strictObject({ directedTo: partyId, text: text(), periodDays: z.number().int().min(1).max(365) }),
  applyOrderConsequence: z.strictObject({ orderId: z.string().regex(/^O\d+$/), consequence: z.enum(['struck-out', 'stayed', 'judgment-entered']), summary: text() }),
  orderStay: z.strictObject({ reason: text(1000) }),
  liftStay: z.strictObject({ basis: z.enum(['Cap. 338 s.10(2)', 'Cap. 338 s.26A', 'Cap. 338 s.31']), reason: text(1000) }),
  recordCourtStay: z.strictObject({ court: z.enum(['Court of First Instance', 'Court of Appeal']).describe('s.31: the court that stayed execution'), orderedOn: date, reason: text(1000) }),
  transferCounterclaim: z.strictObject({ to: z.enum(TRANSFER_FORUMS), stayEnforcement: z.boolean().default(true) }),
  fileCounterclaim: z.strictObject({
    amountCents: positiveCents,
    particulars: text(20_000),
    abandonExcess: z.boolean().default(false),
    subjectMatter: z.enum(SUBJECT_MATTERS).optional().describe("s.10(1): what the counterclaim is about; outside the tribunal's jurisdiction it is transferred whatever its amount"),
  }),
  applyForReview: z.strictObject({ grounds: text() }),
  applyToSetAside: z.strictObject({ grounds: text() }),
  requestReasons: z.strictObject({}),
  applyForLeaveToAppeal: z.strictObject({ grounds: text() }),
  withdrawApplication: z.strictObject({ applicationId: z.string().regex(/^P\d+$/) }),
  applyForCaLeave: z.strictObject({ grounds: text() }),
  applyForTransferReview: z.strictObject({ grounds: text() }),
  recordPayment: z.strictObject({ amountCents: positiveCents, paidOn: date, by: partyId.optional() }),
  extendTimeToSetAside: z.strictObject({ partyId, until: date, reason: text(1000) }),
  recordAppealTimeExtension: z.strictObject({ partyId, until: date, reason: text(1000) }),
} satisfies { [K in StepName]: z.ZodType<StepPayloads[K], unknown> };
