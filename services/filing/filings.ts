/**
 * Filing documents on an existing case (iCMS, seed 003), as use-cases: open
 * a filing (a workflow under a new filing reference), take its steps (the
 * upload a filer picks is looked up here and must be their own), and read it.
 * Who may act on a filing: its filer (or, for an organisation, a user of it
 * assigned to the case for the same party) and the registry; anyone else is
 * told it does not exist.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { CourtCalendar } from '../../domain/calendar';
import { WRITS, isFinished, type ApprovedDraftSeen, type EnforcedAward, type FilingPayloads, type FilingView, type UploadedFile } from '../../domain/filing';
import { findApprovedDraft, holdApprovedDraft, releaseApprovedDrafts } from '../../db/approved-drafts';
import type { Actor } from '../../domain/identity/actor';
import type { CourtLevel, ReceivingOffice } from '../../domain/inbox/terms';
import { hkDateOf, yearOf } from '../../domain/time/hong-kong-time';
import { findOrganisation } from '../../db/accounts';
import { appendAudit } from '../../db/audit-log';
import { nextSerial } from '../../db/case-numbers';
import { findDocument, markDocumentsUsed } from '../../db/documents';
import { filingsAwaitingReview, filingsOf, findFilingRow, partiesOfCase, projectFilingReadModel, type FilingRow } from '../../db/filings';
import { inTransaction } from '../../db/pool';
import { FILING_TASK_QUEUE, FILING_UPDATES, FILING_WORKFLOW, filingQuery, type FilingInput } from '../../workflows/filing/contract';
import { auditEntryOf, type Caller } from '../audit';
import { ALL_CASES_ROLES, enterCase } from '../case-access';
import { notFound, UseCaseError } from '../errors';
import { startOnce } from '../start-once';
import { takeStep, scopedKey } from '../steps/take-step';

export interface FilingDeps {
  pool: Pool;
  temporal: Client;
  calendar: () => Promise<CourtCalendar>;
  now?: () => Date;
}

export interface OpenFilingRequest {
  caseNo: string;
  courtLevel: CourtLevel;
  receivingOffice: ReceivingOffice;
  taxation: boolean;
  judgeApplication: boolean;
  /** A legally aided filer's certificate: no payment step. */
  legalAidCertificateNo?: string | undefined;
}

/** `EF-2026-000123`: the e-filing series, numbered per year. */
export const FILING_SERIES = 'EF';
export const formatFilingReference = (year: number, serial: number) => `${FILING_SERIES}-${year}-${String(serial).padStart(6, '0')}`;

/** Opens a draft filing on a case the caller is a party to (or files for); its reference is the workflow ID. */
export async function openFilingOnCase(deps: FilingDeps, caller: Caller, request: OpenFilingRequest, enforces?: EnforcedAward): Promise<FilingView> {
  const actor = await enterCase(deps.pool, caller, request.caseNo, 'filing.open');
  if (!actor.partyId) throw new UseCaseError('forbidden', 'not-a-filer', 'Only a party files', 'Documents are filed by an individual user or an organisation user acting for a party of the case');
  const caseParties = await partiesOfCase(deps.pool, request.caseNo);
  const organisation = actor.organisationId ? await findOrganisation(deps.pool, actor.organisationId) : undefined;
  const now = (deps.now ?? (() => new Date()))();
  const calendar = await deps.calendar();
  const reference = await inTransaction(deps.pool, async (tx) => {
    const year = yearOf(hkDateOf(now.getTime()));
    const ref = formatFilingReference(year, await nextSerial(tx, FILING_SERIES, year));
    await appendAudit(tx, auditEntryOf({ ...caller, actor }, { action: 'filing.open', target: `filing:${ref}`, after: { caseNo: request.caseNo } }));
    return ref;
  });
  const { legalAidCertificateNo, ...asked } = request;
  const input: FilingInput = {
    reference,
    ...asked,
    ...(legalAidCertificateNo ? { legalAid: { certificateNo: legalAidCertificateNo } } : {}),
    ...(enforces ? { enforces } : {}),
    caseParties,
    filer: {
      accountId: actor.id,
      name: actor.name,
      role: actor.role,
      partyId: actor.partyId,
      ...(actor.organisationId ? { organisationId: actor.organisationId } : {}),
      ...(organisation ? { organisationName: organisation.name } : {}),
    },
    calendar,
  };
  await startOnce(deps.temporal, { workflowType: FILING_WORKFLOW, workflowId: reference, taskQueue: FILING_TASK_QUEUE, args: [input] });
  const view = await deps.temporal.workflow.getHandle(reference).query(filingQuery);
  // Read your own writes: the filing is in the read model before its reference is handed out.
  await inTransaction(deps.pool, (tx) => projectFilingReadModel(tx, view));
  return view;
}

/** May this actor see or act on the filing? Its filer, their organisation's users for the same party, and court staff. */
function mayReach(actor: Actor, row: FilingRow): boolean {
  if (ALL_CASES_ROLES.includes(actor.role)) return true;
  if (actor.id === row.filerAccountId) return true;
  return row.filerOrganisationId !== null && actor.organisationId === row.filerOrganisationId;
}

/** The caller as they act on the filing (a filer with their party in its case), or not found. */
export async function enterFiling(deps: Pick<FilingDeps, 'pool'>, caller: Caller, reference: string): Promise<Caller & { row: FilingRow }> {
  const row = await findFilingRow(deps.pool, reference);
  if (!row || !mayReach(caller.actor, row)) throw notFound(`Filing ${reference}`);
  const actor = ALL_CASES_ROLES.includes(caller.actor.role) ? caller.actor : await enterCase(deps.pool, caller, row.caseNo, 'filing.enter');
  return { ...caller, actor, row };
}

/** The filer's upload, checked: theirs, and not used by another filing. */
async function uploadOf(pool: Pool, actor: Actor, uploadId: string, reference: string): Promise<UploadedFile | undefined> {
  const doc = await findDocument(pool, uploadId);
  if (!doc || doc.uploadedBy !== actor.id) return undefined;
  if (doc.status !== 'uploaded' && doc.usedIn !== reference) return undefined;
  return { uploadId: doc.id, fileName: doc.filename, sha256: doc.sha256, bytes: doc.bytes, pages: doc.pages };
}

export interface FilingStepCall<P> {
  reference: string;
  payload: P;
  expectedVersion?: number;
  idempotencyKey?: string;
}

export async function takeFilingStep<K extends keyof FilingPayloads & string>(
  deps: FilingDeps,
  caller: Caller & { row: FilingRow },
  step: K,
  call: FilingStepCall<FilingPayloads[K]>,
): Promise<FilingView> {
  if (isFinished(caller.row.snapshot)) {
    throw new UseCaseError('conflict', 'filing-closed', `${step} refused`, `${call.reference} is ${caller.row.stage}; it takes no further steps`);
  }
  let payload = call.payload;
  if ('uploadId' in payload && typeof payload.uploadId === 'string') {
    const file = await uploadOf(deps.pool, caller.actor, payload.uploadId, call.reference);
    payload = { ...payload, ...(file ? { file } : {}) };
  }
  if ('approvedDraftReferenceNo' in payload && typeof payload.approvedDraftReferenceNo === 'string') {
    const approvedDraft = await holdDraftFor(deps.pool, caller.row, payload.approvedDraftReferenceNo);
    payload = { ...payload, approvedDraft };
  }
  const taking = takeStep(deps.temporal, FILING_UPDATES[step], {
    reference: call.reference,
    noun: 'Filing',
    step,
    actor: caller.actor,
    payload,
    ...(call.expectedVersion === undefined ? {} : { expectedVersion: call.expectedVersion }),
    ...(call.idempotencyKey ? { idempotencyKey: scopedKey(caller.actor.id, step, call.idempotencyKey) } : {}),
  });
  const view = await taking.catch(async (err: unknown) => {
    // A refused step does not keep the approved draft it quoted.
    if ('approvedDraft' in payload && payload.approvedDraft) {
      const quoted = caller.row.snapshot.documents.flatMap((d) => (d.approvedDraftReferenceNo ? [d.approvedDraftReferenceNo] : []));
      await inTransaction(deps.pool, (tx) => releaseApprovedDrafts(tx, call.reference, quoted));
    }
    throw err;
  });
  if (step === 'removeDocument' || step === 'cancel') {
    // A writ removed before submission (or a draft filing cancelled) lets go of the approved draft it quoted.
    const quoted = view.stage === 'cancelled' ? [] : view.documents.flatMap((d) => (d.approvedDraftReferenceNo ? [d.approvedDraftReferenceNo] : []));
    await inTransaction(deps.pool, (tx) => releaseApprovedDrafts(tx, call.reference, quoted));
  }
  if ('uploadId' in payload && typeof payload.uploadId === 'string') {
    // The upload now belongs to this filing: no other filing may pick it.
    const uploadId = payload.uploadId;
    await inTransaction(deps.pool, (tx) => markDocumentsUsed(tx, [uploadId], caller.actor.id, call.reference));
  }
  return view;
}

/**
 * The approved draft a writ for sealing quotes, checked (seed 003, Stage B):
 * it exists, is an approved draft of a writ, belongs to this case and this
 * filer (or their organisation, for the same party), and is not held by
 * another filing; then held for this one. Each refusal says which of these
 * failed, with the statute's procedure behind it.
 */
async function holdDraftFor(pool: Pool, filing: FilingRow, referenceNo: string): Promise<ApprovedDraftSeen> {
  const refuse = (detail: string) => new UseCaseError('refused', 'approved-draft-refused', 'The approved draft cannot be quoted', detail);
  const draft = await findApprovedDraft(pool, referenceNo);
  const filer = filing.snapshot.filer;
  if (!draft) throw refuse(`no document has the reference number ${referenceNo}`);
  if (draft.purpose !== 'for-approval-of-draft' || !(WRITS as readonly string[]).includes(draft.type)) throw refuse(`${referenceNo} is not a draft writ filed for approval`);
  if (draft.status !== 'accepted') throw refuse(`${referenceNo} has not been approved (it is ${draft.status})`);
  if (draft.caseNo !== filing.caseNo) throw refuse(`${referenceNo} was approved in ${draft.caseNo}, not in ${filing.caseNo}`);
  const sameFiler = draft.filerAccountId === filer.accountId || (draft.filerOrganisationId !== null && draft.filerOrganisationId === (filer.organisationId ?? null) && draft.filerPartyId === filer.partyId);
  if (!sameFiler) throw refuse(`${referenceNo} was filed by another filer; only the filer of the approved draft (or their organisation, for the same party) may file it for sealing`);
  const holder = await inTransaction(pool, (tx) => holdApprovedDraft(tx, referenceNo, filing.reference));
  if (holder !== filing.reference) throw refuse(`${referenceNo} has already been used: it is quoted by filing ${holder}`);
  return { referenceNo, filingReference: draft.filingReference, caseNo: draft.caseNo, type: draft.type as ApprovedDraftSeen['type'] };
}

export async function readFiling(deps: FilingDeps, caller: Caller, reference: string): Promise<FilingView> {
  const { row } = await enterFiling(deps, caller, reference);
  return row.snapshot;
}

/** The caller's filings (a filer's own and their organisation's); for the registry, those awaiting review, overdue first. */
export async function listFilings(deps: Pick<FilingDeps, 'pool'>, caller: Caller, limit: number): Promise<FilingView[]> {
  const rows = ALL_CASES_ROLES.includes(caller.actor.role)
    ? await filingsAwaitingReview(deps.pool, limit)
    : await filingsOf(deps.pool, caller.actor.id, caller.actor.organisationId ?? null, limit);
  return rows.map((r) => r.snapshot);
}
