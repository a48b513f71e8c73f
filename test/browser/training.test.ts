/**
 * Training in the console: on a training stack (the time-skipping test
 * server, the API's court clock its clock), every page carries the training
 * banner with the simulated court time; the public sees it without the
 * controls; a registry officer, in Simplified Chinese and with the keyboard
 * alone, moves the clock to the next event: to the hearing, sixty days on,
 * and, once the award is made and written, past the end of the seven-day
 * window to apply for its review. A claim goes from filing to a reviewed
 * award (its review window closed) in a few presses.
 */
import type { Browser, Page } from 'playwright-core';
import { zhHans } from '../../console/i18n/zh-hans';
import { hkDateOf } from '../../domain/time/hong-kong-time';
import { accessibilityViolations, focusedElement, keepScreenshot, launchBrowser } from '../support/browser';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;
let claimant: SignedIn;

interface CaseView {
  stage: string;
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

  // On, event by event, until the review window has closed with nothing done.
  await officer.reload();
  for (let press = 0; press < 8 && (await courtToday()) <= review.computation.due; press++) {
    await officerBanner.getByText(zhHans['training.nextEvent']).waitFor();
    await pressMoveToNext();
  }
  const reviewed = await eventually(readCase, (v) => v.deadlines.some((d) => d.key === 'review-application' && d.status === 'lapsed'), 30_000);
  expect(reviewed.stage).not.toBe('awaiting-outcome');
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'training-review-window-closed-zh-Hans');
  await officer.context().close();
});
