/**
 * Enforcing a small-claim award (Cap. 338 s.32): an award is enforced by the
 * District Court as if it were that court's own judgment. When the case has
 * become enforceable (the award unpaid after its date), the party the award
 * favours begins Stage A of a writ of execution from the small claim: a
 * filing in the District Court on the same case number, with the written
 * award already in it as the judgment the writ enforces. The filer adds the
 * draft writ and the praecipe and goes on as in any writ filing; the small
 * claim shows each such filing and how far its writ has got.
 */
import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { FilingView } from '../../domain/filing';
import { documentIdFrom } from '../../domain/documents/upload-rules';
import { casePapersOf } from '../../db/case-papers';
import { insertDocument } from '../../db/documents';
import type { Caller } from '../audit';
import type { DocumentSetup } from '../documents/setup';
import { inspectStructure } from '../documents/check-pdf';
import { UseCaseError } from '../errors';
import { readSmallClaim } from '../sct/small-claim-case';
import { openFilingOnCase, takeFilingStep, enterFiling, type FilingDeps } from './filings';

const refuse = (code: string, detail: string) => new UseCaseError('conflict', code, 'Enforcement cannot begin', detail, { section: 'Cap. 338 s.32' });

/** Begins Stage A of a writ of execution in the District Court from an enforceable small claim. */
export async function beginEnforcement(deps: FilingDeps & { documents: () => DocumentSetup }, caller: Caller, caseNo: string): Promise<FilingView> {
  const { view, partyId, enforcement } = await readSmallClaim(deps, caller, caseNo);
  if (!partyId) throw new UseCaseError('forbidden', 'not-a-filer', 'Only a party enforces', 'An award is enforced by the party it favours, as an individual user or an organisation user acting for them');
  const outcome = view.outcome;
  if (view.stage !== 'enforceable' || !outcome) {
    throw refuse('not-enforceable', `${caseNo} is ${view.stage}: an award is enforced (s.32) once it is unpaid after the date for payment, and not while a review, set-aside or appeal has replaced it`);
  }
  if (!outcome.inFavourOf.includes(partyId)) throw refuse('award-not-in-your-favour', `the award in ${caseNo} is in favour of ${outcome.inFavourOf.join(', ')}, not ${partyId}`);
  if (view.balanceCents <= 0) throw refuse('award-paid', `nothing remains owed under the award in ${caseNo}`);
  const open = enforcement.find((f) => f.filerPartyId === partyId && f.enforces && !f.finished);
  if (open) throw refuse('enforcement-open', `${open.reference} already enforces this award for ${partyId}; go on with it`);
  const award = (await casePapersOf(deps.pool, caseNo)).filter((p) => p.kind === 'written-award').at(-1);
  if (!award) throw refuse('no-written-award', `the written award of ${caseNo} has not been issued yet (s.18(3)), so there is nothing to attach to the writ`);

  // The written award joins the filer's documents as the judgment the writ enforces: the same stored bytes, a record of its own.
  const setup = deps.documents();
  const content = await buffer(await setup.store.get(award.storeKey));
  const structure = await inspectStructure(content);
  const pages = structure.readable ? structure.pages : 1;
  const upload = await insertDocument(deps.pool, {
    id: documentIdFrom(randomBytes(8)),
    sha256: award.sha256,
    bytes: award.bytes,
    pages,
    filename: award.fileName,
    uploadedBy: caller.actor.id,
    store: award.store === 's3' ? 's3' : 'local',
    storeKey: award.storeKey,
  });
  if (!upload) throw new UseCaseError('unavailable', 'try-again', 'Try again', 'the award could not be attached; the request is safe to repeat');

  const filing = await openFilingOnCase(
    deps,
    caller,
    { caseNo, courtLevel: 'district-court', receivingOffice: 'district-court-registry', taxation: false, judgeApplication: false },
    { caseNo, awardDocument: award.documentReferenceNo, awardedCents: outcome.amountCents, owedCents: view.balanceCents, payableBy: outcome.payBy ?? outcome.madeOn },
  );
  const entered = await enterFiling(deps, caller, filing.reference);
  return takeFilingStep(deps, entered, 'addDocument', {
    reference: filing.reference,
    payload: { uploadId: upload.id, type: 'judgment', purpose: 'for-filing', language: 'bilingual', filingParty: partyId, filedAgainst: outcome.against },
  });
}
