/**
 * Filing a small claim (Cap. 338 s.12): the registry accepts it, gives it the
 * next case number and starts its workflow under that number.
 *
 * The filing row is committed before the workflow starts. If the process
 * dies in between, `startPendingCases` finishes the job, so an accepted
 * claim is never lost and its number never left unused.
 */
import type { Client } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import type { CourtCalendar } from '../../domain/calendar';
import type { Actor } from '../../domain/identity/actor';
import { formatSctCaseNumber, SCT_CASE_SERIES } from '../../domain/sct/case-number';
import type { SmallClaim } from '../../domain/sct/claim';
import { assessClaim } from '../../domain/sct/claim-validation';
import type { Refusal, Warning } from '../../domain/sct/findings';
import { checkSplittingAtFiling, claimingPersons } from '../../domain/sct/jurisdiction';
import { hkDateOf, yearOf } from '../../domain/time/hong-kong-time';
import { insertPartyLink, upsertCaseAssignment } from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { nextSerial } from '../../db/case-numbers';
import { openClaimsBetween, recordClaimNames } from '../../db/open-claims';
import { inTransaction } from '../../db/pool';
import { requestHash } from '../../db/request-hash';
import { findFilingByIdempotencyKey, insertFiling, markFilingStarted, unstartedFilings, type FilingRow } from '../../db/sct-filings';
import { SCT_TASK_QUEUE, SMALL_CLAIM_WORKFLOW, type SmallClaimInput } from '../../workflows/sct/contract';
import { auditEntryOf, type Caller } from '../audit';
import { UseCaseError } from '../errors';
import { startOnce } from '../start-once';
import { unavailableFailure } from '../unavailable';

export interface FilingDeps {
  pool: Pool;
  temporal: Client;
  /** The court calendar in force now (gazetted holidays and declared closure days). */
  calendar: () => Promise<CourtCalendar>;
  now?: () => Date;
  /** Refuses a new claim while the workers are behind (services/intake/worker-backlog.ts); unset, every claim is taken. */
  admitNewWork?: () => Promise<void>;
}

export interface FiledClaim {
  filing: FilingRow;
  /** True when an earlier request with the same Idempotency-Key already filed it. */
  replayed: boolean;
  /** What the registry noted on acceptance (s.12(4) signatures to come, …). */
  warnings: Warning[];
}

const UNIQUE_VIOLATION = '23505';

/** The first claimant: the party a filer's account is linked to in the case they file. */
export const FILER_PARTY = 'C1';

/**
 * Links the filer to party C1: an individual user directly; an organisation
 * user through their organisation (linked to C1) and an assignment of the
 * case to them, as an administrator would assign it.
 */
async function linkFiler(tx: PoolClient, caseNo: string, filer: Actor): Promise<void> {
  if (filer.role === 'individual-user') {
    await insertPartyLink(tx, { caseNo, partyId: FILER_PARTY, accountId: filer.id, organisationId: null, createdBy: filer.id });
    return;
  }
  if (filer.role === 'org-user' && filer.organisationId) {
    await insertPartyLink(tx, { caseNo, partyId: FILER_PARTY, accountId: null, organisationId: filer.organisationId, createdBy: filer.id });
    await upsertCaseAssignment(tx, { caseNo, organisationId: filer.organisationId, accountId: filer.id, partyId: FILER_PARTY, assignedBy: filer.id });
    return;
  }
  throw new Error(`a ${filer.role} cannot file a claim`);
}

/**
 * Files `claim` for the caller, who becomes party C1 of the new case (in the
 * filing's transaction). An Idempotency-Key is the filer's own: it is stored
 * under their account id, so another account's key never answers with (or
 * reveals) their case.
 */
export async function fileSmallClaim(deps: FilingDeps, filer: Caller, claim: SmallClaim, clientKey: string | undefined): Promise<FiledClaim> {
  const hash = requestHash(claim);
  const idempotencyKey = clientKey === undefined ? undefined : `${filer.actor.id}:${clientKey}`;
  if (idempotencyKey) {
    const earlier = await replayOf(deps.pool, idempotencyKey, hash);
    if (earlier) return filed(await ensureStarted(deps, earlier), true);
  }

  const filedAt = (deps.now ?? (() => new Date()))();
  const filedOn = hkDateOf(filedAt.getTime());
  const { warnings } = acceptableOrRefused(claim, filedOn);
  // After the checks, so a claim the registry would refuse is told why even in a burst;
  // before anything is kept, so a claim pushed back leaves nothing behind.
  await deps.admitNewWork?.();
  const splitting = await splittingCheck(deps.pool, claim, filedOn);
  const calendar = await deps.calendar();
  const audit = (caseNo: string) =>
    auditEntryOf(filer, { action: 'fileSmallClaim', onBehalfOf: `party:${FILER_PARTY}`, target: `case:${caseNo}`, after: { caseNo } });
  let filing: FilingRow;
  try {
    filing = await inTransaction(deps.pool, async (tx) => {
      const caseNo = formatSctCaseNumber(yearOf(filedOn), await nextSerial(tx, SCT_CASE_SERIES, yearOf(filedOn)));
      const input: SmallClaimInput = { caseNo, filedAt: filedAt.toISOString(), filedOn, claim, calendar, ...(splitting.length ? { filingWarnings: splitting } : {}) };
      const row = { caseNo, idempotencyKey: idempotencyKey ?? null, requestHash: hash, input };
      await insertFiling(tx, row);
      await recordClaimNames(tx, caseNo, claim);
      await linkFiler(tx, caseNo, filer.actor);
      await appendAudit(tx, audit(caseNo));
      return { ...row, startedAt: null };
    });
  } catch (err) {
    // Two requests with one key raced; the loser's transaction (and its number) rolled back.
    if (idempotencyKey && (err as { code?: string }).code === UNIQUE_VIOLATION) {
      const earlier = await replayOf(deps.pool, idempotencyKey, hash);
      if (earlier) return filed(await ensureStarted(deps, earlier), true);
    }
    throw err;
  }
  return filed(await ensureStarted(deps, filing), false, warnings);
}

/** The answer to a filing: a new one with the warnings its assessment found, a replayed one with those of its stored claim, assessed again. */
const filed = (filing: FilingRow, replayed: boolean, warnings = assessClaim(filing.input.claim, filing.input.filedOn).warnings): FiledClaim => ({
  filing,
  replayed,
  warnings: [...warnings, ...(filing.input.filingWarnings ?? [])],
});

/**
 * s.8: the claimant's open claims against the same defendant. The same
 * cause of action, named on both and together over the limit, is refused;
 * a pattern the registry cannot judge is a warning for the adjudicator.
 */
async function splittingCheck(pool: Pool, claim: SmallClaim, filedOn: string): Promise<Warning[]> {
  const others = await openClaimsBetween(
    pool,
    claimingPersons(claim).map((p) => p.name),
    claim.defendants.map((d) => d.name),
  );
  const { refusals, warnings } = checkSplittingAtFiling(claim, others, filedOn);
  if (refusals.length) throw claimRefused(refusals, warnings);
  return warnings;
}

/**
 * The registry's acceptance check (jurisdiction, s.12, s.13): a claim it must
 * refuse gets 422 naming each field and the section it fails, and no number.
 */
function acceptableOrRefused(claim: SmallClaim, filedOn: string): { warnings: Warning[] } {
  const assessment = assessClaim(claim, filedOn);
  if (!assessment.ok) throw claimRefused(assessment.refusals, assessment.warnings);
  return { warnings: assessment.warnings };
}

/**
 * The registry's refusal of a claim: every refusal as an error naming its
 * field, its section as the rule and its code, with the warnings it would
 * also have noted.
 */
export function claimRefused(refusals: readonly Refusal[], warnings: readonly Warning[]): UseCaseError {
  return new UseCaseError('refused', 'claim-refused', 'The registry cannot accept this claim', refusals.map((r) => r.message).join(' '), {
    errors: refusals.map((r) => ({ field: r.field, rule: r.section, code: r.code, message: r.message })),
    warnings,
  });
}

async function replayOf(pool: Pool, key: string, hash: string): Promise<FilingRow | undefined> {
  const earlier = await findFilingByIdempotencyKey(pool, key);
  if (earlier && earlier.requestHash !== hash) {
    throw new UseCaseError(
      'refused',
      'idempotency-key-reused',
      'Idempotency-Key already used for a different request',
      `Your Idempotency-Key was first used to file ${earlier.caseNo} with a different body; use a new key for a new claim.`,
    );
  }
  return earlier;
}

/**
 * Starts the case's workflow unless it already runs. Starting twice is
 * answered, not duplicated. Once it runs the claim is filed, whatever
 * becomes of the note that says so: if the database goes away before the
 * note is written, the sweep (`startPendingCases`) writes it later, and the
 * filer is not told to try again (which, without an Idempotency-Key, would
 * file the claim twice).
 */
async function ensureStarted(deps: Pick<FilingDeps, 'pool' | 'temporal'>, filing: FilingRow): Promise<FilingRow> {
  if (filing.startedAt) return filing;
  const input: SmallClaimInput = filing.input;
  await startOnce(deps.temporal, { workflowType: SMALL_CLAIM_WORKFLOW, workflowId: filing.caseNo, taskQueue: SCT_TASK_QUEUE, args: [input] });
  await markFilingStarted(deps.pool, filing.caseNo).catch((err: unknown) => {
    if (!unavailableFailure(err)) throw err;
  });
  return { ...filing, startedAt: new Date() };
}

/** Starts the workflow of every accepted filing whose start was interrupted. Returns their case numbers. */
export async function startPendingCases(deps: Pick<FilingDeps, 'pool' | 'temporal'>): Promise<string[]> {
  const pending = await unstartedFilings(deps.pool);
  for (const filing of pending) await ensureStarted(deps, filing);
  return pending.map((f) => f.caseNo);
}
