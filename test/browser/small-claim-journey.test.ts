/**
 * A small claim through the console, in Traditional Chinese, on the
 * time-skipping test server (weeks pass in seconds): the claimant files it
 * (refused once, over the limit, then filed), the registry officer claims
 * the case's item in the work queue and records service through it, the
 * hearing day comes, the adjudicator makes the award and writes it, and the claimant
 * reads the written award's reference number on their case page. Every step
 * is a form the console built from the API's own schema for it; every page
 * is checked by axe-core. Then, on the same court clock, an officer at the
 * Support Centre verifies an applicant to register in person and activates
 * the account.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readBundleDirectory } from '../../cli/commands/bundle-directory';
import { verifyCaseBundle } from '../../services/export/verify-bundle';
import type { Browser, Page } from 'playwright-core';
import { zhHant } from '../../console/i18n/zh-hant';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addDays, createCalendar } from '../../domain/calendar';
import { supportCentreClosedReason } from '../../domain/registration';
import { hkDateOf, hkInstant } from '../../domain/time/hong-kong-time';
import { accessibilityViolations, keepScreenshot, launchBrowser } from '../support/browser';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;
let claimant: SignedIn;
let caseNo: string;

interface CaseView {
  stage: string;
  version: number;
  hearing: { startsAt: string } | null;
  papersIssued?: { kind: string; documentReferenceNo: string }[];
}

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true });
  browser = await launchBrowser();
  claimant = await stack.newIndividual('陳大文');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const url = (path: string) => `${stack.baseUrl}${path}`;
const readCase = async (): Promise<CaseView> => (await (await fetch(url(`/api/v1/sct/claims/${caseNo}`), { headers: claimant.headers })).json()) as CaseView;

/** A new browser context in Hong Kong Chinese, signed in through the sign-in page. */
async function signedIn(username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-HK', viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(url('/console/sign-in'));
  await page.getByLabel(zhHant['signIn.username'], { exact: true }).fill(username);
  await page.getByLabel(zhHant['signIn.password'], { exact: true }).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((address) => !address.pathname.endsWith('/sign-in'));
  return page;
}

it('the claimant files, the officer records service, the adjudicator awards and writes the award, the claimant reads it, and an auditor reads its log and history and exports the case: all in the console, in Traditional Chinese', async () => {
  // The claimant files, from the menu; over the tribunal's limit first, which the API refuses on the amount.
  const filer = await signedIn(claimant.username, 'individual-password-1');
  await filer.getByRole('link', { name: zhHant['nav.fileClaim'] }).click();
  await filer.waitForURL(/\/console\/file-claim$/);
  expect(await filer.getByLabel(zhHant['claim.yourName'], { exact: true }).inputValue()).toBe('陳大文');
  await filer.getByLabel(zhHant['claim.yourAddress'], { exact: true }).fill('九龍彌敦道1號\n12樓A室');
  await filer.getByLabel(`${zhHant['claim.amount']} (HK$)`, { exact: true }).fill('80,000');
  await filer.getByLabel(zhHant['claim.defendantName'].replace('{n}', '1'), { exact: true }).fill('黃小明');
  await filer.getByLabel(zhHant['claim.defendantAddress'].replace('{n}', '1'), { exact: true }).fill('香港皇后大道中8號\n地下3號舖');
  await filer.getByLabel(zhHant['claim.subjectMatter'], { exact: true }).selectOption('contract');
  await filer.getByLabel(zhHant['claim.particulars'], { exact: true }).fill('被告人未有支付於2026年9月1日完成的裝修工程價款港幣80,000元。');
  await filer.getByRole('button', { name: zhHant['claim.submit'] }).click();
  await filer.getByRole('alert').waitFor();
  expect(await filer.getAttribute('[id="claimants[0].amountCents"]', 'aria-invalid')).toBe('true');
  expect(await accessibilityViolations(filer)).toEqual([]);
  await keepScreenshot(filer, 'file-claim-refused-zh-Hant');
  await filer.getByLabel(`${zhHant['claim.amount']} (HK$)`, { exact: true }).fill('12,500.00');
  await filer.getByRole('button', { name: zhHant['claim.submit'] }).click();
  await filer.waitForURL(/\/console\/cases\/SCTC-\d{4}-\d{6}\?filed=1$/);
  caseNo = /cases\/(SCTC-\d{4}-\d{6})/.exec(filer.url())![1]!;
  await filer.getByRole('status').filter({ hasText: zhHant['case.filed'] }).waitFor();
  expect(await accessibilityViolations(filer)).toEqual([]);
  await filer.context().close();
  expect((await readCase()).stage).toBe('awaiting-hearing');

  // The officer: the case is in the work queue; claimed, then acted on through its form.
  const officer = await signedIn(SEEDED.officer.username, SEEDED.officer.password);
  await officer.getByRole('link', { name: zhHant['nav.workQueue'] }).click();
  const row = officer.getByRole('row').filter({ hasText: caseNo }).filter({ hasText: zhHant['step.record-service'] });
  await row.waitFor();
  expect(await row.textContent()).toContain(zhHant['queue.unclaimed']);
  await row.getByRole('button', { name: new RegExp(`^${zhHant['queue.claim']}`) }).click();
  await row.getByText(zhHant['queue.heldByYou'], { exact: true }).waitFor();
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'work-queue-zh-Hant');
  await row.getByRole('link', { name: new RegExp(`^${zhHant['queue.act']}`) }).click();
  await officer.waitForURL(new RegExp(`/console/cases/${caseNo}/steps/record-service\\?item=`));
  expect(await accessibilityViolations(officer)).toEqual([]);
  // A refusal first: no date of service. The API names the field; the form marks it and keeps the rest.
  await officer.getByLabel(zhHant['field.partyId'], { exact: true }).selectOption('D1');
  await officer.getByLabel(zhHant['field.document'], { exact: true }).selectOption('claim-and-notice-of-hearing');
  await officer.getByLabel(zhHant['field.manner'], { exact: true }).selectOption('personal-delivery');
  await officer.getByRole('button', { name: zhHant['step.record-service'] }).click();
  await officer.getByRole('alert').waitFor();
  expect(await officer.getAttribute('[id="servedOn"]', 'aria-invalid')).toBe('true');
  expect(await officer.getByLabel(zhHant['field.manner'], { exact: true }).inputValue()).toBe('personal-delivery');
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'step-refused-zh-Hant');
  const today = hkDateOf(await stack.env.currentTimeMs());
  await officer.getByLabel(zhHant['field.servedOn'], { exact: true }).fill(today);
  await officer.getByRole('button', { name: zhHant['step.record-service'] }).click();
  await officer.waitForURL(new RegExp(`/console/cases/${caseNo}\\?taken=record-service$`));
  await officer.getByRole('status').filter({ hasText: zhHant['step.record-service'] }).waitFor();
  expect(await accessibilityViolations(officer)).toEqual([]);
  // Taken through the queue, so released: nobody holds anything.
  const held = await (await fetch(url('/api/v1/work-queue?assignee=me'), { headers: (await stack.officer()).headers })).json();
  expect(held).toEqual(expect.objectContaining({ items: [] }));
  await officer.context().close();

  // The hearing day comes (weeks, skipped).
  const listed = await readCase();
  await stack.env.sleep(Date.parse(listed.hearing!.startsAt) + 60_000 - (await stack.env.currentTimeMs()));
  await eventually(readCase, (v) => v.stage === 'awaiting-outcome', 30_000);

  // The adjudicator: the award, then the written award, each from its form.
  const adjudicator = await signedIn(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  await adjudicator.goto(url(`/console/cases/${caseNo}/steps/make-award`));
  await adjudicator.getByLabel(zhHant['field.kind'], { exact: true }).selectOption('award');
  await adjudicator.getByLabel(zhHant['field.summary'], { exact: true }).fill('被告人須支付裝修工程的價款。');
  // Made orally at the hearing, so it is then written within 14 days (s.18(3)).
  await adjudicator.getByLabel(zhHant['field.oral'], { exact: true }).check();
  await adjudicator.getByLabel(`${zhHant['field.amountCents']} (HK$)`, { exact: true }).fill('12,500.00');
  await adjudicator.getByRole('group', { name: zhHant['field.against'] }).getByLabel(/^D1/).check();
  await adjudicator.getByRole('group', { name: zhHant['field.inFavourOf'] }).getByLabel(/^C1/).check();
  expect(await accessibilityViolations(adjudicator)).toEqual([]);
  await keepScreenshot(adjudicator, 'make-award-zh-Hant');
  await adjudicator.getByRole('button', { name: zhHant['step.make-award'] }).click();
  await adjudicator.waitForURL(/\?taken=make-award$/);
  await adjudicator.goto(url(`/console/cases/${caseNo}/steps/write-award`));
  await adjudicator.getByLabel(zhHant['field.writtenOn'], { exact: true }).fill(hkDateOf(await stack.env.currentTimeMs()));
  await adjudicator.getByRole('button', { name: zhHant['step.write-award'] }).click();
  await adjudicator.waitForURL(/\?taken=write-award$/);
  await adjudicator.context().close();

  // The claimant reads the written award's reference on their case page.
  const written = await eventually(readCase, (v) => (v.papersIssued ?? []).some((p) => p.kind === 'written-award'), 30_000);
  const reference = written.papersIssued!.find((p) => p.kind === 'written-award')!.documentReferenceNo;
  const reader = await signedIn(claimant.username, 'individual-password-1');
  await reader.getByRole('link', { name: caseNo }).click();
  const paper = reader.getByRole('listitem').filter({ hasText: zhHant['case.paper.written-award'] });
  await paper.waitFor();
  expect(await paper.textContent()).toContain(reference);
  expect(await accessibilityViolations(reader)).toEqual([]);
  await keepScreenshot(reader, 'case-awarded-zh-Hant');
  // And in the inbox: the written award as it was sent, its PDF downloaded byte for byte.
  await reader.getByRole('link', { name: zhHant['nav.inbox'] }).click();
  // Newest first: the written award.
  const newest = reader.locator('ul.messages li').first();
  await newest.waitFor();
  expect(await newest.textContent()).toContain(zhHant['inbox.new']);
  await newest.getByRole('link').click();
  await reader.getByRole('heading', { name: zhHant['inbox.attachmentsHeading'] }).waitFor();
  expect(await reader.locator('article').textContent()).toContain(reference);
  expect(await accessibilityViolations(reader)).toEqual([]);
  await keepScreenshot(reader, 'inbox-message-zh-Hant');
  const shownDigest = await reader.locator('section code.digest').first().textContent();
  const [saved] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('button', { name: new RegExp(`^${zhHant['inbox.download'].replace(' {name}', '')}`) }).first().click()]);
  const bytes = readFileSync((await saved.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(shownDigest);
  await reader.context().close();

  // The auditor: the case's entries in the audit log, and its history from the workflow's own events.
  const auditor = await signedIn(SEEDED.auditor.username, SEEDED.auditor.password);
  await auditor.getByRole('link', { name: zhHant['nav.auditLog'] }).click();
  await auditor.getByLabel(zhHant['audit.case'], { exact: true }).fill(caseNo);
  await auditor.getByRole('button', { name: zhHant['audit.search'] }).click();
  await auditor.waitForURL(new RegExp(`/console/audit-log\\?case=${caseNo}$`));
  const filing = auditor.getByRole('listitem').filter({ hasText: 'fileSmallClaim' });
  await filing.first().waitFor();
  await filing.first().locator('summary').click();
  expect(await filing.first().locator('code.digest').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
  expect(await accessibilityViolations(auditor)).toEqual([]);
  await keepScreenshot(auditor, 'audit-log-zh-Hant');
  await auditor.goto(url(`/console/cases/${caseNo}/history`));
  const steps = auditor.locator('ol.timeline strong');
  await steps.first().waitFor();
  expect(await steps.allTextContents()).toEqual(expect.arrayContaining([zhHant['step.record-service'], zhHant['step.make-award'], zhHant['step.write-award']]));
  expect(await accessibilityViolations(auditor)).toEqual([]);
  await keepScreenshot(auditor, 'case-history-zh-Hant');
  // And exports the case as a signed bundle, its documents in it, with the keyboard: it verifies offline against the court's published key.
  await auditor.getByLabel(zhHant['bundle.withDocuments'], { exact: true }).check();
  await auditor.getByRole('button', { name: zhHant['bundle.export'] }).focus();
  const [bundle] = await Promise.all([auditor.waitForEvent('download'), auditor.keyboard.press('Enter')]);
  expect(bundle.suggestedFilename()).toBe(`${caseNo}-bundle.tar`);
  await auditor.getByRole('status').filter({ hasText: zhHant['bundle.saved'].replace('{name}', `${caseNo}-bundle.tar`) }).waitFor();
  const archive = readFileSync((await bundle.path())!);
  expect(await auditor.locator('section code.digest').textContent()).toBe(createHash('sha256').update(archive).digest('hex'));
  const unpacked = mkdtempSync(path.join(tmpdir(), 'courtflow-bundle-'));
  try {
    writeFileSync(path.join(unpacked, 'bundle.tar'), archive);
    execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: unpacked });
    const files = readBundleDirectory(path.join(unpacked, `${caseNo}-bundle`));
    const published = (await (await fetch(url('/api/v1/keys/audit'))).json()) as { publicKeyPem: string };
    expect(verifyCaseBundle(files, createPublicKey(published.publicKeyPem))).toMatchObject({ ok: true, reference: caseNo, trust: 'given-key' });
    // The written award the claimant downloaded is in it, byte for byte.
    expect(files.get(`documents/${createHash('sha256').update(bytes).digest('hex')}`)?.equals(bytes)).toBe(true);
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
  expect(await accessibilityViolations(auditor)).toEqual([]);
  await keepScreenshot(auditor, 'case-bundle-exported-zh-Hant');
  await auditor.context().close();
});

it('a registry officer at the Support Centre verifies an applicant in person and activates the account, from the console', async () => {
  // A case of its own; an individual applies to register for it, with a court document of it, and submits.
  const filed = await fetch(url('/api/v1/sct/claims'), { method: 'POST', headers: { 'content-type': 'application/json', ...claimant.headers }, body: JSON.stringify(aClaim()) });
  expect(filed.status).toBe(201);
  const { caseNo: forCase } = (await filed.json()) as { caseNo: string };
  const applied = await fetch(url('/api/v1/registrations'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'individual', name: '黃小明', username: `applicant-${Date.now().toString(36)}`, password: 'applicant-password-1', caseNo: forCase }),
  });
  expect(applied.status).toBe(201);
  const { accessToken, registration } = (await applied.json()) as { accessToken: string; registration: { reference: string } };
  const token = { 'registration-token': accessToken };
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('court document', { x: 50, y: 700, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  const uploaded = await fetch(url(`/api/v1/registrations/${registration.reference}/documents?kind=court-document`), {
    method: 'POST',
    headers: { ...token, 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="evidence.pdf"' },
    body: Buffer.from(await pdf.save()),
  });
  expect({ status: uploaded.status, body: uploaded.status === 200 ? null : await uploaded.text() }).toEqual({ status: 200, body: null });
  const submitted = await fetch(url(`/api/v1/registrations/${registration.reference}/steps/submit-application`), {
    method: 'POST',
    headers: { ...token, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(submitted.status).toBe(200);
  // The applicant comes to the Support Centre in its opening hours.
  const calendar = createCalendar();
  let day = addDays(hkDateOf(await stack.env.currentTimeMs()), 1);
  while (supportCentreClosedReason(hkInstant(day, 10), calendar) !== null) day = addDays(day, 1);
  await stack.env.sleep(hkInstant(day, 10) - (await stack.env.currentTimeMs()));

  const officer = await signedIn(SEEDED.officer.username, SEEDED.officer.password);
  await officer.getByRole('link', { name: zhHant['nav.registrations'] }).click();
  await officer.getByRole('link', { name: registration.reference }).click();
  await officer.getByRole('link', { name: zhHant['step.record-verification'] }).click();
  await officer.getByLabel(zhHant['field.identityDocument'], { exact: true }).fill('香港身份證，已查閱');
  expect(await accessibilityViolations(officer)).toEqual([]);
  await officer.getByRole('button', { name: zhHant['step.record-verification'] }).click();
  await officer.waitForURL(new RegExp(`/console/registrations/${registration.reference}\\?taken=record-verification$`));
  await officer.getByText(zhHant['regStage.verified'], { exact: true }).waitFor();
  await officer.getByRole('link', { name: zhHant['step.activate'] }).click();
  await officer.getByRole('button', { name: zhHant['step.activate'] }).click();
  await officer.waitForURL(/\?taken=activate$/);
  await eventually(
    async () => (await (await fetch(url(`/api/v1/registrations/${registration.reference}`), { headers: token })).json()) as { stage: string },
    (r) => r.stage === 'activated',
    30_000,
  );
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'registration-activated-zh-Hant');
  await officer.context().close();
});
