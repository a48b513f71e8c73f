/**
 * A claimant's writ of execution on a small claim, through the API (seed
 * 003), for tests that need a filing with fees to pay: stage A (the draft
 * writ and a praecipe, for approval, approved by the registry), then stage
 * B (the writ for sealing quoting the approved draft, a praecipe and the
 * letter enclosing the award), confirmed and awaiting payment; and the
 * payer on the provider's hosted page.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { requestJson } from './api-call';
import type { SignedIn } from './stack';

export interface WritFiling {
  reference: string;
  stage: string;
  enforces: { caseNo: string; awardDocument: string; owedCents: number } | null;
  documents: { id: string; type: string; purpose: string; status: string; documentReferenceNo?: string }[];
  payment: {
    status: string;
    attempts: { id: string; status: string; pageUrl?: string; reason?: string; reports: string[] }[];
    receipt: { receiptNo: string; totalCents: number } | null;
  } | null;
  history: { event: string; detail: string }[];
  detail?: string;
}

const AS_CLAIMANT = { language: 'en', filingParty: 'C1', filedAgainst: ['D1'] };

/** The payer enters `card` on the hosted page; answers the page's 303 back to courtflow, not followed (the browser closed). */
export async function payOnPage(pageUrl: string, card: string): Promise<Response> {
  return fetch(pageUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `card=${card}`, redirect: 'manual' });
}

/** Writs the `claimant` of `caseNo` takes, through the API at `baseUrl`, with `officer` as the registry. */
export function writFilings(baseUrl: string, caseNo: string, claimant: SignedIn, officer: SignedIn) {
  const step = (who: SignedIn, reference: string, name: string, body: unknown = {}) =>
    requestJson<WritFiling>(baseUrl, 'POST', `/api/v1/filings/${reference}/steps/${name}`, who, body);
  const open = async () => (await requestJson<WritFiling>(baseUrl, 'POST', '/api/v1/filings', claimant, { caseNo, courtLevel: 'district-court', receivingOffice: 'district-court-registry' })).body;

  async function upload(text: string): Promise<string> {
    const doc = await PDFDocument.create();
    doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    const res = await requestJson<{ id: string }>(baseUrl, 'POST', '/api/v1/documents', claimant, Buffer.from(await doc.save()), {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="document.pdf"',
    });
    if (res.status !== 201) throw new Error(`upload refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** Stage A on a filing already open: the draft writ and praecipe, submitted and approved; returns the approved draft's number. */
  async function approvedDraftOn(reference: string): Promise<string> {
    for (const type of ['writ-of-fieri-facias', 'praecipe']) {
      const added = await step(claimant, reference, 'add-document', { ...AS_CLAIMANT, purpose: 'for-approval-of-draft', type, uploadId: await upload(`${type} (draft)`) });
      if (added.status !== 200) throw new Error(`add-document: ${added.status} ${JSON.stringify(added.body)}`);
    }
    const submitted = await step(claimant, reference, 'submit');
    if (submitted.body.stage !== 'submitted') throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    const writ = submitted.body.documents.find((d) => d.type === 'writ-of-fieri-facias')!;
    const approved = await step(officer, reference, 'accept-document', { documentId: writ.id, courtAction: 'order' });
    for (const d of approved.body.documents.filter((x) => x.status === 'pending-review')) await step(officer, reference, 'accept-document', { documentId: d.id });
    return approved.body.documents.find((d) => d.id === writ.id)!.documentReferenceNo!;
  }

  /** Stage B: the writ for sealing, a praecipe and the letter enclosing the award; confirmed, awaiting payment. */
  async function forSealing(approvedDraft: string): Promise<WritFiling> {
    const ref = (await open()).reference;
    await step(claimant, ref, 'add-document', { ...AS_CLAIMANT, purpose: 'for-sealing', type: 'writ-of-fieri-facias', uploadId: await upload('Writ of fieri facias'), approvedDraftReferenceNo: approvedDraft });
    await step(claimant, ref, 'add-document', { ...AS_CLAIMANT, purpose: 'for-filing', type: 'praecipe', uploadId: await upload('Praecipe') });
    await step(claimant, ref, 'add-document', { ...AS_CLAIMANT, purpose: 'for-filing', type: 'letter', uploadId: await upload('Letter enclosing the award') });
    const confirmed = (await step(claimant, ref, 'submit')).body;
    if (confirmed.stage !== 'awaiting-payment') throw new Error(`not awaiting payment: ${JSON.stringify(confirmed)}`);
    return confirmed;
  }

  return {
    step,
    upload,
    approvedDraftOn,
    forSealing,
    /** A new writ for sealing, its draft approved on a filing of its own: confirmed, awaiting payment. */
    newSealingFiling: async () => forSealing(await approvedDraftOn((await open()).reference)),
    /** The claimant chooses to pay through the provider: the attempt with its hosted page. */
    openPage: async (reference: string) => (await step(claimant, reference, 'pay', { method: 'provider' })).body.payment!.attempts.at(-1)!,
    read: (reference: string) => requestJson<WritFiling>(baseUrl, 'GET', `/api/v1/filings/${reference}`, claimant).then((r) => r.body),
  };
}
