/**
 * Joint and representative claims filed from the console, in Simplified
 * Chinese: the kind chosen, the others' names, addresses and sums entered
 * (a refusal first, on the field of the person whose sum is missing), and
 * the case as filed naming every claimant and represented person.
 */
import type { Browser, Page } from 'playwright-core';
import { zhHans } from '../../console/i18n/zh-hans';
import { accessibilityViolations, keepScreenshot, launchBrowser, signedInPage } from '../support/browser';
import { startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;
let filer: SignedIn;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  filer = await stack.newIndividual('陈大文');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const url = (path: string) => `${stack.baseUrl}${path}`;

async function claimForm(): Promise<Page> {
  const page = await signedInPage(browser, stack.baseUrl, filer.username, 'individual-password-1', 'zh-CN', zhHans);
  await page.getByRole('link', { name: zhHans['nav.fileClaim'], exact: true }).click();
  await page.waitForURL(/\/console\/file-claim$/);
  await page.getByLabel(zhHans['claim.yourAddress'], { exact: true }).fill('九龙弥敦道1号');
  await page.getByLabel(`${zhHans['claim.amount']} (HK$)`, { exact: true }).first().fill('5,000');
  return page;
}

async function defendantAndGrounds(page: Page) {
  await page.getByLabel(zhHans['claim.defendantName'].replace('{n}', '1'), { exact: true }).fill('好景装修有限公司');
  await page.getByLabel(zhHans['claim.defendantAddress'].replace('{n}', '1'), { exact: true }).fill('香港皇后大道中8号');
  await page.getByLabel(zhHans['claim.subjectMatter'], { exact: true }).selectOption('contract');
  await page.getByLabel(zhHans['claim.particulars'], { exact: true }).fill('被告人未有交付已付款的装修工程。');
}

async function filedParties(page: Page): Promise<string[]> {
  await page.waitForURL(/\/console\/cases\/SCTC-\d{4}-\d{6}\?filed=1$/);
  const caseNo = /cases\/(SCTC-\d{4}-\d{6})/.exec(page.url())![1]!;
  const view = (await (await fetch(url(`/api/v1/sct/claims/${caseNo}`), { headers: filer.headers })).json()) as { parties: { name: string }[] };
  return view.parties.map((p) => p.name);
}

it('a representative claim for two persons: refused on the missing sum of the second, then filed', async () => {
  const page = await claimForm();
  await page.getByLabel(zhHans['claim.kind.representative'], { exact: true }).check();
  const first = page.getByRole('group', { name: zhHans['claim.represented'].replace('{n}', '1') });
  await first.getByLabel(zhHans['claim.otherName'], { exact: true }).fill('李小梅');
  await first.getByLabel(zhHans['claim.otherAddress'], { exact: true }).fill('新界沙田正街3号');
  await first.getByLabel(`${zhHans['claim.amount']} (HK$)`, { exact: true }).fill('3,000');
  await first.getByLabel(zhHans['claim.signed'], { exact: true }).check();
  await page.getByRole('button', { name: zhHans['claim.addRepresented'] }).click();
  const second = page.getByRole('group', { name: zhHans['claim.represented'].replace('{n}', '2') });
  await second.getByLabel(zhHans['claim.otherName'], { exact: true }).fill('张志强');
  await second.getByLabel(zhHans['claim.otherAddress'], { exact: true }).fill('香港湾仔道20号');
  await defendantAndGrounds(page);
  await page.getByRole('button', { name: zhHans['claim.submit'] }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getAttribute('[id="representedPersons[1].amountCents"]', 'aria-invalid')).toBe('true');
  expect(await accessibilityViolations(page)).toEqual([]);
  await keepScreenshot(page, 'file-claim-representative-refused-zh-Hans');
  await second.getByLabel(`${zhHans['claim.amount']} (HK$)`, { exact: true }).fill('2,500');
  await page.getByRole('button', { name: zhHans['claim.submit'] }).click();
  expect(await filedParties(page)).toEqual(expect.arrayContaining(['陈大文', '李小梅', '张志强', '好景装修有限公司']));
  await page.context().close();
});

it('a joint claim with a claimant who signs later is filed, each claiming their own sum', async () => {
  const page = await claimForm();
  await page.getByLabel(zhHans['claim.kind.joint'], { exact: true }).check();
  const other = page.getByRole('group', { name: zhHans['claim.other'].replace('{n}', '2') });
  await other.getByLabel(zhHans['claim.otherName'], { exact: true }).fill('陈小华');
  await other.getByLabel(zhHans['claim.otherAddress'], { exact: true }).fill('九龙弥敦道1号');
  await other.getByLabel(`${zhHans['claim.amount']} (HK$)`, { exact: true }).fill('4,000');
  await defendantAndGrounds(page);
  await page.getByRole('button', { name: zhHans['claim.submit'] }).click();
  expect(await filedParties(page)).toEqual(expect.arrayContaining(['陈大文', '陈小华']));
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.context().close();
});
