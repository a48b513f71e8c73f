/**
 * A writ of execution in its two stages through the console (seed 003), on
 * the time-skipping test server with the sandbox payment provider as a real
 * HTTP server: a law firm's user, in Traditional Chinese, files the draft
 * writ and a praecipe for approval (uploading each PDF from the page); a
 * registry officer, in English, opens the filing from the work queue and
 * approves the draft by order; the firm's user files the writ for sealing
 * quoting the approved draft's number, confirms, pays (from the firm's
 * empty prepayment account: declined; on the provider's hosted page: a card
 * declined, then paid) and comes back to the filing; the
 * officer seals it; the user downloads the receipt and the sealed writ from
 * the inbox. Every page reached is checked by axe-core.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { en } from '../../console/i18n/en';
import { zhHant } from '../../console/i18n/zh-hant';
import { accessibilityViolations, keepScreenshot, launchBrowser, signedInPage, type SignInWords } from '../support/browser';
import { aClaim } from '../support/claims';
import { pdfText } from '../support/pdf-reading';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;
let caseNo: string;
let clerkUsername: string;

interface Filing {
  stage: string;
  documents: { id: string; status: string; documentReferenceNo?: string }[];
  payment: { status: string; receipt: { receiptNo: string } | null } | null;
}

const url = (path: string) => `${stack.baseUrl}${path}`;

async function call<T>(method: string, path: string, who: SignedIn, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url(path), { method, headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as T };
}

/** A one-page PDF saying `text`, as a file a person would choose. */
async function pdf(name: string, text: string) {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true, payments: true });
  browser = await launchBrowser();
  const officer = await stack.officer();
  // The case: a claimant's small claim; a law firm acts for the defendant (D1), and assigns the case to its user.
  const claimant = await stack.newIndividual('陳大文');
  const filed = await call<{ caseNo: string }>('POST', '/api/v1/sct/claims', claimant, aClaim());
  expect(filed.status).toBe(201);
  caseNo = filed.body.caseNo;
  await eventually(() => call<{ readModel?: { source: string } }>('GET', `/api/v1/sct/claims/${caseNo}`, claimant), (r) => r.body.readModel?.source === 'read-model');
  const stamp = Date.now().toString(36);
  const org = await call<{ organisation: { id: string } }>('POST', '/api/v1/organisations', officer, {
    name: '郭興律師行 Kwok Hing Solicitors',
    principalAdmin: { username: `kh-admin-${stamp}`, displayName: '郭律師', password: 'principal-password-1' },
  });
  expect(org.status).toBe(201);
  const organisationId = org.body.organisation.id;
  const admin = await stack.login(`kh-admin-${stamp}`, 'principal-password-1');
  clerkUsername = `kh-clerk-${stamp}`;
  const clerk = await call<{ account: { id: string } }>('POST', `/api/v1/organisations/${organisationId}/accounts`, admin, { username: clerkUsername, displayName: '李文書', role: 'org-user', password: 'member-password-1' });
  expect(clerk.status).toBe(201);
  expect((await call('POST', `/api/v1/cases/${caseNo}/parties/D1/links`, officer, { organisationId })).status).toBe(201);
  expect((await call('POST', `/api/v1/organisations/${organisationId}/case-assignments`, admin, { caseNo, accountId: clerk.body.account.id })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signedIn = (username: string, password: string, locale: string, words: SignInWords) => signedInPage(browser, stack.baseUrl, username, password, locale, words);

/** The filing as the API answers it, read with the page's own signed-in token. */
async function filingOf(page: Page, reference: string): Promise<Filing> {
  const session = JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('courtflow.session')")) ?? '{}') as { token?: string };
  const res = await fetch(url(`/api/v1/filings/${reference}`), { headers: { authorization: `Bearer ${session.token ?? ''}` } });
  return (await res.json()) as Filing;
}

/** Opens a District Court filing on the case from the filings page; answers its reference. */
async function openFiling(page: Page): Promise<string> {
  await page.getByRole('link', { name: zhHant['nav.filings'], exact: true }).click();
  await page.waitForURL(/\/console\/filings$/);
  await page.getByRole('heading', { name: zhHant['filings.open'] }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel(zhHant['field.caseNo'], { exact: true }).fill(caseNo);
  await page.getByLabel(zhHant['field.courtLevel'], { exact: true }).selectOption('district-court');
  // The receiving office follows the court level (and may still be changed).
  expect(await page.getByLabel(zhHant['field.receivingOffice'], { exact: true }).inputValue()).toBe('district-court-registry');
  await page.getByRole('button', { name: zhHant['filings.openButton'] }).click();
  await page.waitForURL(/\/console\/filings\/EF-\d{4}-\d{6}$/);
  return /filings\/(EF-\d{4}-\d{6})/.exec(page.url())![1]!;
}

/** Adds one document from the page: the file chosen, then its description. */
async function addDocument(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, described: { type: string; purpose: string; approvedDraft?: string }, count: number) {
  await page.getByLabel(zhHant['field.uploadId'], { exact: true }).setInputFiles(file);
  await page.getByLabel(zhHant['field.type'], { exact: true }).selectOption(described.type);
  await page.getByLabel(zhHant['field.purpose'], { exact: true }).selectOption(described.purpose);
  await page.getByLabel(zhHant['field.language'], { exact: true }).selectOption('zh');
  expect(await page.getByLabel(zhHant['field.filingParty'], { exact: true }).inputValue()).toBe('D1');
  await page.getByRole('checkbox', { name: /^C1/ }).check();
  if (described.approvedDraft) await page.getByLabel(zhHant['field.approvedDraftReferenceNo'], { exact: true }).fill(described.approvedDraft);
  await page.getByRole('button', { name: zhHant['filing.add.button'] }).click();
  await page.getByRole('row').filter({ hasText: `D${count}` }).filter({ hasText: file.name }).waitFor();
}

/** The officer, from the work queue, decides each document of the filing (the first by `firstAction`). */
async function registryDecides(reference: string, decide: (page: Page) => Promise<void>): Promise<void> {
  const officer = await signedIn(SEEDED.officer.username, SEEDED.officer.password, 'en-GB', en);
  // Staff read every case: their menu says "Cases", not "My cases".
  expect(await officer.getByRole('link', { name: en['nav.allCases'], exact: true }).count()).toBe(1);
  await officer.getByRole('link', { name: en['nav.workQueue'], exact: true }).click();
  const row = officer.getByRole('row').filter({ hasText: reference });
  await row.first().waitFor();
  await row.first().getByRole('link', { name: new RegExp(`^${en['queue.act']}`) }).click();
  await officer.waitForURL(new RegExp(`/console/filings/${reference}\\?item=`));
  await officer.getByRole('heading', { name: en['filing.title'].replace('{reference}', reference) }).waitFor();
  expect(await accessibilityViolations(officer)).toEqual([]);
  await decide(officer);
  await officer.context().close();
}

/** The filing's stage as its page states it (the documents' own statuses use some of the same words). */
const stageShown = (page: Page, words: string) => page.getByRole('strong').getByText(words, { exact: true }).waitFor();

const saved = async (download: Promise<Download>) => readFileSync((await (await download).path())!);

it("a law firm's user takes a writ through both stages, paying on the provider's page, in Traditional Chinese; the officer approves and seals it in English", async () => {
  const clerk = await signedIn(clerkUsername, 'member-password-1', 'zh-HK', zhHant);

  // Stage A: the draft writ and a praecipe, for approval; nothing to pay.
  const draftRef = await openFiling(clerk);
  expect(await accessibilityViolations(clerk)).toEqual([]);
  // A file that is not a PDF is refused at upload, in the reader's language.
  await clerk.getByLabel(zhHant['field.uploadId'], { exact: true }).setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
  await clerk.getByLabel(zhHant['field.type'], { exact: true }).selectOption('praecipe');
  await clerk.getByLabel(zhHant['field.purpose'], { exact: true }).selectOption('for-approval-of-draft');
  await clerk.getByLabel(zhHant['field.language'], { exact: true }).selectOption('zh');
  await clerk.getByRole('button', { name: zhHant['filing.add.button'] }).click();
  const refusal = clerk.getByRole('alert');
  await refusal.waitFor();
  // The API words this refusal in Traditional Chinese too: shown in it, not as English.
  await refusal.getByText('此檔案並非PDF文件', { exact: false }).waitFor();
  expect(await refusal.getByText(zhHant['problem.inEnglish']).count()).toBe(0);
  expect(await accessibilityViolations(clerk)).toEqual([]);
  await keepScreenshot(clerk, 'filing-upload-refused-zh-Hant');

  await addDocument(clerk, await pdf('扣押債務人財產令狀草擬本.pdf', 'Writ of fieri facias (draft)'), { type: 'writ-of-fieri-facias', purpose: 'for-approval-of-draft' }, 1);
  await addDocument(clerk, await pdf('便箋.pdf', 'Praecipe for approval'), { type: 'praecipe', purpose: 'for-approval-of-draft' }, 2);
  await clerk.getByRole('button', { name: zhHant['filing.submit.button'] }).click();
  await clerk.getByRole('status').filter({ hasText: zhHant['step.submit'] }).waitFor();
  await stageShown(clerk, zhHant['filing.stage.submitted']);
  expect(await accessibilityViolations(clerk)).toEqual([]);
  await keepScreenshot(clerk, 'filing-draft-submitted-zh-Hant');

  // The registry approves the draft by order, and accepts the praecipe.
  await registryDecides(draftRef, async (officer) => {
    await officer.getByLabel(en['field.courtAction'], { exact: true }).selectOption('order');
    await officer.getByRole('button', { name: en['filing.approve'].replace('{id}', 'D1') }).click();
    await officer.getByRole('status').filter({ hasText: en['step.accept-document'] }).waitFor();
    await officer.getByRole('button', { name: en['filing.accept'].replace('{id}', 'D2') }).click();
    await stageShown(officer, en['filing.stage.accepted']);
    expect(await accessibilityViolations(officer)).toEqual([]);
    await keepScreenshot(officer, 'filing-draft-approved-en');
  });
  const approvedNo = `${draftRef}-D1`;
  await clerk.reload();
  await clerk.getByRole('link', { name: approvedNo }).waitFor();

  // Stage B: the writ for sealing quoting the approved draft, a praecipe and the letter enclosing the judgment.
  const sealingRef = await openFiling(clerk);
  await addDocument(clerk, await pdf('扣押債務人財產令狀.pdf', 'Writ of fieri facias'), { type: 'writ-of-fieri-facias', purpose: 'for-sealing', approvedDraft: approvedNo }, 1);
  await addDocument(clerk, await pdf('便箋（存檔）.pdf', 'Praecipe for filing'), { type: 'praecipe', purpose: 'for-filing' }, 2);
  await addDocument(clerk, await pdf('函件.pdf', 'Letter enclosing the judgment'), { type: 'letter', purpose: 'for-filing' }, 3);
  await clerk.getByRole('button', { name: zhHant['filing.submit.button'] }).click();
  await stageShown(clerk, zhHant['filing.stage.awaiting-payment']);
  // The notice iCMS shows before confirmation, in the page's language.
  await clerk.getByRole('region', { name: zhHant['filing.notices'] }).getByText(/排期主任辦事處/).waitFor();
  expect(await accessibilityViolations(clerk)).toEqual([]);
  await keepScreenshot(clerk, 'filing-awaiting-payment-zh-Hant');

  // From the firm's prepayment account first: nothing in it, so declined, and the filing says why.
  await clerk.getByRole('button', { name: zhHant['filing.pay.prepayment'] }).click();
  await clerk.getByText(zhHant['filing.attempt.declined']).waitFor();
  const payment = clerk.getByRole('region', { name: zhHant['filing.payment'] });
  expect(await payment.getByRole('listitem').filter({ hasText: `${sealingRef}-P1` }).textContent()).toMatch(/insufficient|balance/i);
  // On the provider's page: a declined card; back at the filing, it says so, and paying again succeeds.
  await clerk.getByRole('button', { name: zhHant['filing.pay.provider'] }).click();
  await clerk.waitForURL((address) => address.pathname.startsWith('/pay/'));
  await clerk.getByLabel(/Card number/).fill('4000 0000 0000 0002');
  await clerk.getByRole('button', { name: /^Pay/ }).click();
  await clerk.waitForURL(new RegExp(`/console/filings/${sealingRef}\\?returned=`));
  await clerk.getByRole('region', { name: zhHant['filing.payment'] }).getByRole('listitem').filter({ hasText: `${sealingRef}-P2` }).getByText(zhHant['filing.attempt.declined']).waitFor();
  await clerk.getByRole('button', { name: zhHant['filing.pay.provider'] }).click();
  await clerk.waitForURL((address) => address.pathname.startsWith('/pay/'));
  await clerk.getByLabel(/Card number/).fill('4242 4242 4242 4242');
  await clerk.getByRole('button', { name: /^Pay/ }).click();
  await clerk.waitForURL(new RegExp(`/console/filings/${sealingRef}\\?returned=`));
  await clerk.getByText(zhHant['filing.payment.paid'], { exact: false }).waitFor({ timeout: 30_000 });
  await stageShown(clerk, zhHant['filing.stage.submitted']);
  expect(await accessibilityViolations(clerk)).toEqual([]);
  await keepScreenshot(clerk, 'filing-paid-zh-Hant');
  const receipt = await saved(Promise.all([clerk.waitForEvent('download'), clerk.getByRole('button', { name: zhHant['filing.receipt'] }).click()]).then(([d]) => d));
  const paid = await filingOf(clerk, sealingRef);
  expect(pdfText(receipt)).toContain(paid.payment!.receipt!.receiptNo);

  // The registry seals the writ and accepts the praecipe and the letter.
  await registryDecides(sealingRef, async (officer) => {
    for (const id of ['D1', 'D2', 'D3']) {
      await officer.getByRole('button', { name: en['filing.accept'].replace('{id}', id) }).click();
      await officer.getByRole('row').filter({ hasText: `${sealingRef}-${id}` }).waitFor();
    }
    await stageShown(officer, en['filing.stage.accepted']);
  });
  const sealed = await eventually(() => filingOf(clerk, sealingRef), (f) => f.stage === 'accepted');
  expect(sealed.documents.map((d) => d.status)).toEqual(['accepted', 'accepted', 'accepted']);

  // The sealed writ, from the inbox.
  await clerk.getByRole('link', { name: zhHant['nav.inbox'], exact: true }).click();
  const message = clerk.getByRole('listitem').filter({ hasText: zhHant['inbox.kind.document-sealed'] }).getByRole('link');
  await eventually(
    async () => {
      await clerk.reload();
      return message.count();
    },
    (n) => n > 0,
    20_000,
  );
  await message.first().click();
  expect(await accessibilityViolations(clerk)).toEqual([]);
  await keepScreenshot(clerk, 'inbox-sealed-writ-zh-Hant');
  const writ = await saved(Promise.all([clerk.waitForEvent('download'), clerk.getByRole('button', { name: /^下載/ }).first().click()]).then(([d]) => d));
  expect(pdfText(writ)).toContain(`${sealingRef}-D1`);
  await clerk.context().close();
});
