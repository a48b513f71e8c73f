/**
 * The web console in a real browser (headless Chromium) against the real
 * stack: the public searches the cause book and verifies a document
 * reference number, a filer signs in to see their cases and signs out; in
 * English, Traditional and Simplified Chinese, with the keyboard where a
 * person would use it; every page checked by axe-core for WCAG 2.1 AA, and
 * screenshots kept under test-artifacts/console/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../console/i18n/en';
import { zhHans } from '../../console/i18n/zh-hans';
import { zhHant } from '../../console/i18n/zh-hant';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../../api/console-page';
import { aClaim } from '../support/claims';
import { accessibilityViolations, focusedElement, horizontalOverflow, keepScreenshot, launchBrowser, sessionItem } from '../support/browser';
import { SEEDED, startTestStack, untilNoticeIssued, type SignedIn, type TestStack } from '../support/stack';

const CLAIMANT = '陳大文';
/** A long company name with no spaces: it must wrap, not widen the page. */
const DEFENDANT = '香港九龍新界特別長名稱裝修工程及物業管理服務有限公司與其附屬及聯營公司（清盤中）';
const FILER_PASSWORD = 'individual-password-1';

let stack: TestStack;
let browser: Browser;
let filer: SignedIn;
let caseNo: string;
let documentReferenceNo: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  filer = await stack.newIndividual(CLAIMANT);
  const claim = aClaim();
  const filed = await fetch(`${stack.baseUrl}/api/v1/sct/claims`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...filer.headers },
    body: JSON.stringify({
      ...claim,
      claimants: claim.claimants.map((c) => ({ ...c, name: CLAIMANT })),
      defendants: claim.defendants.map((d) => ({ ...d, name: DEFENDANT })),
    }),
  });
  expect(filed.status).toBe(201);
  caseNo = ((await filed.json()) as { caseNo: string }).caseNo;
  await untilNoticeIssued(stack, caseNo, filer.headers);
  const view = (await (await fetch(`${stack.baseUrl}/api/v1/sct/claims/${caseNo}`, { headers: filer.headers })).json()) as {
    papersIssued: { documentReferenceNo: string }[];
  };
  documentReferenceNo = view.papersIssued[0]?.documentReferenceNo ?? '';
  expect(documentReferenceNo).not.toBe('');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Script errors and refusals by the content security policy, as the page reported them. */
  problems: string[];
}

async function open(options: { locale?: string; width?: number } = {}): Promise<Opened> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-GB', viewport: { width: options.width ?? 1200, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems };
}

const url = (path: string) => `${stack.baseUrl}${path}`;
const zhHantStages = Object.entries(zhHant).filter(([key]) => key.startsWith('caseStage.')).map(([, words]) => words);

it('serves the console from the same origin with a policy that forbids inline script, and a missing file is a 404, not the page', async () => {
  const root = await fetch(url('/'), { redirect: 'manual' });
  expect(root.status).toBe(302);
  expect(root.headers.get('location')).toBe('/console/');
  const page = await fetch(url('/console/cause-book?party=x'));
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CONTENT_SECURITY_POLICY);
  expect(CONSOLE_CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
  expect(await page.text()).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>/);
  const missing = await fetch(url('/console/assets/nothing-here.js'));
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect((await fetch(url('/console/assets/app.js'))).headers.get('content-type')).toMatch(/javascript/);
});

it('the public searches the cause book in Traditional Chinese with the keyboard; the search survives a reload and a change to Simplified Chinese', async () => {
  const { context, page, problems } = await open({ locale: 'zh-HK' });
  try {
    await page.goto(url('/'));
    await page.waitForURL(/\/console\/$/);
    // The browser asks for Hong Kong Chinese: the console starts in Traditional Chinese.
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant-HK');
    // The first Tab reaches the skip link; following it puts the keyboard in the main content.
    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toBe(`a#:${zhHant['app.skipToMain']}`);
    await page.keyboard.press('Enter');
    expect(await focusedElement(page)).toMatch(/^main#main:/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: zhHant['nav.causeBook'] }).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/cause-book$/);
    // The new page's heading takes the focus, so a screen reader announces it.
    expect(await focusedElement(page)).toBe(`h1#:${zhHant['causeBook.title']}`);
    await page.getByLabel(zhHant['causeBook.party']).focus();
    await page.keyboard.type(CLAIMANT);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await row.waitFor();
    expect(await row.textContent()).toContain(DEFENDANT);
    expect(zhHantStages).toContain(await row.locator('td').nth(3).textContent());
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'cause-book-zh-Hant');

    // The terms are in the address: a reload shows the same results, in the language chosen.
    expect(page.url()).toContain(`party=${encodeURIComponent(CLAIMANT)}`);
    await page.reload();
    await row.waitFor();
    expect(await page.getByLabel(zhHant['causeBook.party']).inputValue()).toBe(CLAIMANT);

    // Another language, on the same page: the words change, the form and results stay.
    await page.getByLabel(zhHant['app.language']).selectOption('zh-Hans');
    await page.getByRole('heading', { level: 1, name: zhHans['causeBook.title'] }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(await page.getByLabel(zhHans['causeBook.party']).inputValue()).toBe(CLAIMANT);
    expect(await row.isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'cause-book-zh-Hans');

    // Remembered on this device: a new visit starts in Simplified Chinese.
    await page.goto(url('/console/'));
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('a long Chinese party name wraps on a narrow screen instead of widening the page', async () => {
  const { context, page, problems } = await open({ width: 360 });
  try {
    await page.goto(url(`/console/cause-book?caseNo=${caseNo}&search=1`));
    await page.getByRole('row', { name: new RegExp(caseNo) }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'cause-book-narrow');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('a refused search shows the API’s reason beside the field, announced and linked, and the field is marked invalid', async () => {
  const { context, page, problems } = await open();
  try {
    await page.goto(url('/console/cause-book'));
    await page.getByLabel('Hearings from').fill('2026-12-10');
    await page.getByLabel('Hearings to').fill('2026-12-01');
    await page.getByRole('button', { name: 'Search' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('must be on or after hearingFrom');
    // The alert takes the focus; its link leads to the field.
    expect(await focusedElement(page)).toMatch(/^div#:/);
    expect(await page.getAttribute('#hearingTo', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#hearingFrom', 'aria-invalid')).toBeNull();
    await alert.getByRole('link', { name: 'Hearings to' }).click();
    expect(await focusedElement(page)).toBe('input#hearingTo:');
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'cause-book-refused');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('the public verifies a document reference number: the facts of one on record, a clear refusal for one not', async () => {
  const { context, page, problems } = await open();
  try {
    await page.goto(url('/console/verify'));
    await page.getByLabel('Document reference number').fill(documentReferenceNo);
    await page.keyboard.press('Enter');
    await page.getByText('This document is on record.').waitFor();
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain(caseNo);
    expect(facts).toMatch(/[0-9a-f]{64}/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'verify-found');

    await page.goto(url('/console/verify?reference=EF-2026-999999-D1'));
    await page.getByRole('alert').waitFor();
    expect(await page.locator('dl.facts').count()).toBe(0);

    // A Chinese page says the API's reason is in English, and marks it so.
    await page.getByLabel('Language').selectOption('zh-Hant');
    await page.goto(url('/console/verify?reference=not-a-number'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(zhHant['problem.inEnglish']);
    expect(await alert.locator('[lang="en"]').count()).toBeGreaterThan(0);
    expect(await page.getAttribute('#documentReferenceNo', 'aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'verify-refused-zh-Hant');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('a filer is sent to sign in, is refused a wrong password, signs in to their cases, and signs out for good', async () => {
  const { context, page, problems } = await open();
  try {
    await page.goto(url('/console/my-cases'));
    await page.waitForURL(/\/console\/sign-in\?next=/);
    await page.getByLabel('Username').fill(filer.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The username or password is incorrect');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Password').fill(FILER_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/my-cases$/);
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await row.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'my-cases');

    const token = (JSON.parse((await sessionItem(page, 'courtflow.session')) ?? '{}') as { token?: string }).token;
    expect(token).toEqual(expect.any(String));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in\?signedOut=1$/);
    expect(await sessionItem(page, 'courtflow.session')).toBeNull();
    // The token is revoked at the API, not only forgotten by the tab.
    const after = await fetch(url('/api/v1/me'), { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('a filer reads their case in Traditional Chinese: where it stands, the parties, and each deadline with the days that moved it', async () => {
  const { context, page, problems } = await open({ locale: 'zh-HK' });
  try {
    await page.goto(url('/console/sign-in'));
    await page.getByLabel(zhHant['signIn.username']).fill(filer.username);
    await page.getByLabel(zhHant['signIn.password']).fill(FILER_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/my-cases$/);
    // Signed in, the console speaks the account's language (kept when it last chose one): choose Traditional Chinese here.
    await page.locator('#console-language').selectOption('zh-Hant');
    await page.getByRole('heading', { level: 1, name: zhHant['myCases.title'] }).waitFor();
    await page.getByRole('link', { name: caseNo }).click();
    await page.waitForURL(new RegExp(`/console/cases/${caseNo}$`));
    await page.getByRole('heading', { level: 1, name: zhHant['case.title'].replace('{caseNo}', caseNo) }).waitFor();

    // The s.14(1)(a) limit for the hearing, as the API computed it, with each day that pushed it later.
    const view = (await (await fetch(url(`/api/v1/sct/claims/${caseNo}`), { headers: filer.headers })).json()) as {
      latestHearing: { description: string; basis: string; due: string; extensions: { date: string; reason: string }[] };
      history: { at: string }[];
    };
    const limit = view.latestHearing;
    const card = page.getByRole('region', { name: limit.description });
    expect(await card.textContent()).toContain(limit.due);
    expect(await card.textContent()).toContain(limit.basis);
    for (const day of limit.extensions) expect(await card.textContent()).toContain(`${day.date}: ${day.reason}`);
    expect(await card.textContent()).toContain(zhHant['deadline.due']);
    // The court's own words are English, marked so on a Chinese page.
    expect(await card.locator('h3').getAttribute('lang')).toBe('en');
    expect(await page.locator('ul.parties').textContent()).toContain(`D1 ${zhHant['case.side.defendant']}: ${DEFENDANT}`);
    // The timeline in Hong Kong time, whatever the reader's clock says.
    const history = view.history;
    const filedAt = new Date(Date.parse(history[0]!.at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(await page.locator('ol.timeline li').first().textContent()).toContain(filedAt);
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'case-zh-Hant');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('a registry officer, in Simplified Chinese, reads the digest, declares a closure day and withdraws it', async () => {
  const { context, page, problems } = await open({ locale: 'zh-CN' });
  try {
    await page.goto(url('/console/sign-in'));
    await page.getByLabel(zhHans['signIn.username'], { exact: true }).fill(SEEDED.officer.username);
    await page.getByLabel(zhHans['signIn.password'], { exact: true }).fill(SEEDED.officer.password);
    await page.keyboard.press('Enter');
    // Staff land on their work queue.
    await page.waitForURL(/\/console\/work-queue$/);
    await page.getByRole('link', { name: zhHans['nav.digest'] }).click();
    await page.getByRole('heading', { level: 2, name: zhHans['digest.mine'] }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: zhHans['nav.closures'] }).click();
    await page.getByLabel(zhHans['closures.date'], { exact: true }).fill('2026-11-20');
    // A warning's reason is one of the two the ordinance names, chosen from a list.
    await page.getByLabel(zhHans['closures.reason'], { exact: true }).selectOption('black rainstorm warning');
    await page.getByRole('button', { name: zhHans['closures.declare'] }).click();
    await page.getByRole('status').filter({ hasText: zhHans['closures.declared'].replace('{date}', '2026-11-20') }).waitFor();
    const declared = page.locator('ul.closures li').filter({ hasText: '2026-11-20' });
    await declared.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await keepScreenshot(page, 'closure-days-zh-Hans');
    const calendar = (await (await fetch(url('/api/v1/calendar'))).json()) as { closures: { date: string }[] };
    expect(calendar.closures.map((c) => c.date)).toContain('2026-11-20');

    await declared.locator('summary').click();
    await declared.getByLabel(zhHans['closures.withdrawReason'], { exact: true }).fill('宣布日期錯誤');
    await declared.getByRole('button').click();
    await page.getByRole('status').filter({ hasText: zhHans['closures.withdrawn'].replace('{date}', '2026-11-20') }).waitFor();
    const after = (await (await fetch(url('/api/v1/calendar'))).json()) as { closures: { date: string }[] };
    expect(after.closures.map((c) => c.date)).not.toContain('2026-11-20');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('the language chosen while signed in follows the account to another browser', async () => {
  const first = await open({ locale: 'zh-HK' });
  const second = await open({ locale: 'en-GB' });
  try {
    const signIn = async (page: Page, labels: typeof zhHant) => {
      await page.goto(url('/console/sign-in'));
      await page.getByLabel(labels['signIn.username'], { exact: true }).fill(filer.username);
      await page.getByLabel(labels['signIn.password'], { exact: true }).fill(FILER_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/console\/my-cases$/);
    };
    await signIn(first.page, zhHant);
    await first.page.locator('#console-language').selectOption('zh-Hans');
    await first.page.getByRole('heading', { level: 1, name: zhHans['myCases.title'] }).waitFor();
    await eventuallyKept('zh-Hans');

    // Another browser, set to English: after signing in, the console speaks the account's language.
    await signIn(second.page, en);
    await second.page.getByRole('heading', { level: 1, name: zhHans['myCases.title'] }).waitFor();
    expect(await second.page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect([...first.problems, ...second.problems]).toEqual([]);
  } finally {
    await first.context.close();
    await second.context.close();
  }
});

/** The account's console language, once the console's request has landed. */
async function eventuallyKept(language: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const kept = (await (await fetch(url('/api/v1/me/console-language'), { headers: filer.headers })).json()) as { language: string | null };
    if (kept.language === language) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the account's console language never became ${language}`);
}

it('a page the console does not have says so, in the reader’s language', async () => {
  const { context, page } = await open({ locale: 'zh-CN' });
  try {
    await page.goto(url('/console/no-such-page'));
    await page.getByRole('heading', { level: 1, name: zhHans['app.notFound.title'] }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
