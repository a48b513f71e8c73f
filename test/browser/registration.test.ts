/**
 * The applicant's side of registering, in the console, in Traditional
 * Chinese and with the keyboard for the form: an individual applies (a bad
 * username refused first, by the API, on its field), keeps the access key
 * shown once, attaches the court document from the page, submits, and is
 * told when to go to the Support Centre; in another tab, with no key kept,
 * the application opens only once the key is given. And a signed-in user
 * chooses the language of their messages, apart from the console's.
 */
import type { Browser, Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { zhHant } from '../../console/i18n/zh-hant';
import { accessibilityViolations, keepScreenshot, launchBrowser } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const url = (path: string) => `${stack.baseUrl}${path}`;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-HK', viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

async function courtDocument() {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Notice of hearing SCTC-2026-000123', { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return { name: '聆訊通知書.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

it('an individual applies to register, attaches the court document and submits; the key opens the application in another tab', async () => {
  const page = await newPage();
  await page.goto(url('/console/'));
  await page.getByRole('link', { name: zhHant['nav.register'], exact: true }).click();
  await page.waitForURL(/\/console\/register$/);
  const form = page.getByRole('region', { name: zhHant['register.apply'] });
  await form.getByLabel(zhHant['field.kind'], { exact: true }).selectOption('individual');
  await form.getByLabel(zhHant['field.name'], { exact: true }).fill('何美玲');
  await form.getByLabel(zhHant['field.username'], { exact: true }).fill('no');
  await form.getByLabel(zhHant['field.password'], { exact: true }).fill('applicant-password-1');
  await form.getByLabel(zhHant['register.language'], { exact: true }).selectOption('zh-Hant');
  await form.getByLabel(zhHant['field.caseNo'], { exact: true }).fill('SCTC-2026-000123');
  await form.getByRole('button', { name: zhHant['register.applyButton'] }).click();
  await form.getByRole('alert').waitFor();
  expect(await form.getByLabel(zhHant['field.username'], { exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await accessibilityViolations(page)).toEqual([]);

  await form.getByLabel(zhHant['field.username'], { exact: true }).fill(`ho-mei-ling-${Date.now().toString(36)}`);
  await form.getByLabel(zhHant['field.username'], { exact: true }).press('Tab');
  await form.getByRole('button', { name: zhHant['register.applyButton'] }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/console\/register\/REG-\d{4}-\d{6}\?key=new$/);
  const reference = /(REG-\d{4}-\d{6})/.exec(page.url())![1]!;
  const key = (await page.getByRole('region', { name: zhHant['register.keyHeading'] }).locator('code').textContent())!;
  expect(key.length).toBeGreaterThan(20);
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByLabel(zhHant['field.kind'], { exact: true }).selectOption('court-document');
  await page.getByLabel(zhHant['field.uploadId'], { exact: true }).setInputFiles(await courtDocument());
  await page.getByRole('button', { name: zhHant['register.attachButton'] }).click();
  await page.getByRole('listitem').filter({ hasText: '聆訊通知書.pdf' }).waitFor();
  await page.getByRole('button', { name: zhHant['register.submitButton'] }).click();
  await page.getByRole('strong').getByText(zhHant['regStage.awaiting-verification'], { exact: true }).waitFor();
  const verifyBy = page.locator('.notice');
  expect(await verifyBy.textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await keepScreenshot(page, 'registration-submitted-zh-Hant');

  // Another tab keeps no key: the application opens once it is given.
  const other = await newPage();
  await other.goto(url(`/console/register/${reference}`));
  await other.getByText(zhHant['register.noKey']).waitFor();
  await other.getByLabel(zhHant['register.key'], { exact: true }).fill(key);
  await other.keyboard.press('Enter');
  await other.getByRole('strong').getByText(zhHant['regStage.awaiting-verification'], { exact: true }).waitFor();
  expect(await accessibilityViolations(other)).toEqual([]);
  // A wrong key opens nothing.
  const third = await newPage();
  await third.goto(url(`/console/register/${reference}`));
  await third.getByLabel(zhHant['register.key'], { exact: true }).fill('not-the-key');
  await third.keyboard.press('Enter');
  await third.getByRole('alert').waitFor();
  expect(await third.getByRole('strong').count()).toBe(0);
  await Promise.all([page, other, third].map((p) => p.context().close()));
});

it('a user chooses the language of their messages in the inbox, apart from the console’s', async () => {
  const user = await stack.newIndividual('何美玲');
  const page = await newPage();
  await page.goto(url('/console/sign-in'));
  await page.getByLabel(zhHant['signIn.username'], { exact: true }).fill(user.username);
  await page.getByLabel(zhHant['signIn.password'], { exact: true }).fill('individual-password-1');
  await page.keyboard.press('Enter');
  await page.waitForURL((address) => !address.pathname.endsWith('/sign-in'));
  await page.getByRole('link', { name: zhHant['nav.inbox'], exact: true }).click();
  await page.getByText(zhHant['messages.heading'], { exact: true }).first().click();
  await page.getByLabel(zhHant['messages.heading'], { exact: true }).selectOption('zh-Hant');
  await page.getByRole('button', { name: zhHant['messages.save'] }).click();
  await page.getByRole('status').filter({ hasText: zhHant['enum.language.zh-Hant'] }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  const set = (await (await fetch(url('/api/v1/me/language'), { headers: user.headers })).json()) as { language: string };
  expect(set.language).toBe('zh-Hant');
  await page.context().close();
});
