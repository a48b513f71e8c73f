/**
 * Training in the console: on a training stack (the time-skipping test
 * server, the API's court clock its clock), every page carries the training
 * banner with the simulated court time; the public sees it without the
 * controls; a registry officer, in Simplified Chinese and with the keyboard
 * alone, moves the clock to the next event: to the hearing, sixty days on,
 * and, once the award is made and written, past the end of the seven-day
 * window to apply for its review; meanwhile the claimant applies for a
 * review from the case's step form and the adjudicator decides it. A claim
 * goes from filing to a reviewed award in a few presses, and the claimant
 * then begins enforcing it from the case's page.
 */
import type { Browser, Page } from 'playwright-core';
import { zhHans } from '../../console/i18n/zh-hans';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { accessibilityViolations, focusedElement, keepScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;
let claimant: SignedIn;

interface CaseView {
  stage: string;
  applications: { id: string; kind: string; status: string }[];
  hearing: { startsAt: string } | null;
  deadlines: { key: string; status: string; computation: { due: string } }[];
}

beforeAll(async () => {
  stack = await startTestStack({ timeSkipping: true, training: true });
  browser = await launchBrowser();
  claimant = await stack.newIndividual('陈大文');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const url = (path: string) => `${stack.baseUrl}${path}`;

async function call<T>(who: SignedIn, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(url(path), { method, headers: { 'content-type': 'application/json', ...who.headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function inSimplifiedChinese(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

const signedIn = (username: string, password: string) => signedInPage(browser, stack.baseUrl, username, password, 'zh-CN', zhHans);

const courtToday = async () => ((await (await fetch(url('/api/v1/court-clock'))).json()) as { today: string }).today;

it('the banner is on every page; an officer moves the court clock with the keyboard from filing to the hearing and past the award\'s review window', async () => {
  const filed = await call<{ caseNo: string }>(claimant, 'POST', '/api/v1/sct/claims', aClaim());
  const caseNo = filed.caseNo;
  const readCase = () => call<CaseView>(claimant, 'GET', `/api/v1/sct/claims/${caseNo}`);

  // The public: the banner, its court time, and no controls.
  const visitor = await inSimplifiedChinese();
  await visitor.goto(url('/console/cause-book'));
  const banner = visitor.getByRole('region', { name: zhHans['training.title'] });
  await banner.waitFor();
  expect(await banner.textContent()).toContain(zhHans['training.notReal']);
  expect(await banner.getByRole('button').count()).toBe(0);
  expect(await accessibilityViolations(visitor)).toEqual([]);
  await visitor.context().close();

  // The officer, signed in with the keyboard: the next event is the case's hearing.
  const officer = await inSimplifiedChinese();
  await officer.goto(url('/console/sign-in'));
  await officer.getByLabel(zhHans['signIn.username'], { exact: true }).fill(SEEDED.officer.username);
  await officer.getByLabel(zhHans['signIn.password'], { exact: true }).fill(SEEDED.officer.password);
  await officer.keyboard.press('Enter');
  await officer.waitForURL((address) => !address.pathname.endsWith('/sign-in'));
  const officerBanner = officer.getByRole('region', { name: zhHans['training.title'] });
  const moveToNext = officerBanner.getByRole('button', { name: zhHans['training.moveToNext'] });
  // The banner reads the clock as each page opens; the case's hearing reaches the read model a moment after filing.
  await eventually(
    async () => {
      await officer.reload();
      return (await officerBanner.textContent()) ?? '';
    },
    (text) => text.includes(caseNo),
    10_000,
  );
  await officerBanner.getByText(caseNo).waitFor();
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'training-banner-zh-Hans');

  /** Tab to the button, press Enter, and wait for the clock to say it moved. */
  const pressMoveToNext = async () => {
    await moveToNext.focus();
    expect(await focusedElement(officer)).toContain(zhHans['training.moveToNext']);
    const before = await courtToday();
    await officer.keyboard.press('Enter');
    await officerBanner.getByRole('status').filter({ hasText: zhHans['training.moved'].split('{at}')[0]! }).waitFor();
    expect((await courtToday()) > before).toBe(true);
  };

  // To the hearing: sixty days in a press.
  const listed = await readCase();
  await pressMoveToNext();
  expect(hkDateOf(Date.now()) < (await courtToday())).toBe(true);
  expect(await courtToday()).toBe(hkDateOf(Date.parse(listed.hearing!.startsAt)));
  await eventually(readCase, (v) => v.stage === 'awaiting-outcome', 30_000);

  // The adjudicator makes the award at the hearing and writes it the same day.
  const adjudicator = await stack.login(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  const award = { kind: 'award', oral: true, summary: '被告人须支付装修工程的价款。', amountCents: 1_250_000, against: ['D1'], inFavourOf: ['C1'] };
  const awarded = await call<CaseView>(adjudicator, 'POST', `/api/v1/sct/claims/${caseNo}/steps/make-award`, award);
  const review = awarded.deadlines.find((d) => d.key === 'review-application')!;
  expect(review.status).toBe('open');
  await call(adjudicator, 'POST', `/api/v1/sct/claims/${caseNo}/steps/write-award`, { writtenOn: await courtToday() });

  // The claimant applies for a review, from the case's own step form.
  const filer = await signedIn(claimant.username, 'individual-password-1');
  await filer.goto(url(`/console/cases/${caseNo}/steps/apply-for-review`));
  await filer.getByLabel(zhHans['field.grounds'], { exact: true }).fill('裁断金额未计及已付的订金。');
  await filer.getByRole('button', { name: zhHans['step.apply-for-review'] }).click();
  await filer.waitForURL(new RegExp(`/console/cases/${caseNo}\\?taken=apply-for-review$`));
  const applied = await eventually(readCase, (v) => v.applications.some((a) => a.kind === 'review' && a.status === 'pending'), 30_000);
  const application = applied.applications.find((a) => a.kind === 'review')!;

  // The adjudicator decides it: the award confirmed, on review.
  const judge = await signedIn(SEEDED.adjudicator.username, SEEDED.adjudicator.password);
  await judge.goto(url(`/console/cases/${caseNo}/steps/decide-review`));
  await judge.getByLabel(zhHans['field.applicationId'], { exact: true }).fill(application.id);
  await judge.getByLabel(zhHans['field.result'], { exact: true }).selectOption('confirmed');
  await judge.getByLabel(zhHans['field.summary'], { exact: true }).fill('订金已在裁断中扣除，裁断维持不变。');
  await judge.getByRole('button', { name: zhHans['step.decide-review'] }).click();
  await judge.waitForURL(new RegExp(`/console/cases/${caseNo}\\?taken=decide-review$`));
  expect(await accessibilityViolations(judge)).toEqual([]);
  await judge.context().close();
  await eventually(readCase, (v) => v.applications.some((a) => a.id === application.id && a.status === 'decided'), 30_000);

  // On, event by event, until the review window has closed.
  await officer.reload();
  for (let press = 0; press < 8 && (await courtToday()) <= review.computation.due; press++) {
    await officerBanner.getByText(zhHans['training.nextEvent']).waitFor();
    await pressMoveToNext();
  }
  const reviewed = await eventually(readCase, (v) => v.deadlines.some((d) => d.key === 'review-application' && d.status !== 'open'), 30_000);
  expect(reviewed.stage).not.toBe('awaiting-outcome');
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'training-review-window-closed-zh-Hans');
  await officer.context().close();

  // The award, reviewed and unpaid, is enforceable: the claimant begins a writ of execution from the case's page.
  await eventually(readCase, (v) => v.stage === 'enforceable', 30_000);
  await filer.goto(url(`/console/cases/${caseNo}`));
  await filer.getByRole('button', { name: zhHans['case.enforce'] }).click();
  await filer.waitForURL(/\/console\/filings\/EF-\d{4}-\d{6}$/);
  await filer.getByText(zhHans['filing.enforces'].split('{document}')[0]!).waitFor();
  expect(await accessibilityViolations(filer)).toEqual([]);
  await keepScreenshot(filer, 'training-enforcement-zh-Hans');
  await filer.context().close();
});
