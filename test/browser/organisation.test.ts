/**
 * An organisation's administration through the console, in Simplified
 * Chinese: its principal administrator opens a branch code, creates a user
 * there (the first password made by the court and shown once) and a
 * sub-administrator with chosen powers, assigns a case the organisation
 * acts in to the user and names them the organisation's default user,
 * moves and suspends accounts, narrows a
 * sub-administrator's powers, and asks for a higher maximum, which a
 * registry officer approves from the quota requests page. Each refusal is
 * the API's (a branch code used twice); every page is checked by axe-core.
 */
import type { Browser, Page } from 'playwright-core';
import { en } from '../../console/i18n/en';
import { zhHans } from '../../console/i18n/zh-hans';
import { accessibilityViolations, keepScreenshot, launchBrowser, signedInPage, type SignInWords } from '../support/browser';
import { aClaim } from '../support/claims';
import { eventually, SEEDED, startTestStack, type SignedIn, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: Browser;
let caseNo: string;
let admin: SignedIn;
let organisationId: string;
const stamp = Date.now().toString(36);

const url = (path: string) => `${stack.baseUrl}${path}`;
async function call<T>(method: string, path: string, who: SignedIn, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url(path), { method, headers: { ...who.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  const officer = await stack.officer();
  const claimant = await stack.newIndividual('陈大文');
  const filed = await call<{ caseNo: string }>('POST', '/api/v1/sct/claims', claimant, aClaim());
  caseNo = filed.body.caseNo;
  await eventually(() => call<{ readModel?: { source: string } }>('GET', `/api/v1/sct/claims/${caseNo}`, claimant), (r) => r.body.readModel?.source === 'read-model');
  const org = await call<{ organisation: { id: string } }>('POST', '/api/v1/organisations', officer, {
    name: '郭兴律师行',
    principalAdmin: { username: `gx-admin-${stamp}`, displayName: '郭主任', password: 'principal-password-1' },
  });
  organisationId = org.body.organisation.id;
  admin = await stack.login(`gx-admin-${stamp}`, 'principal-password-1');
  expect((await call('POST', `/api/v1/cases/${caseNo}/parties/D1/links`, officer, { organisationId })).status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signedIn = (username: string, password: string, locale: string, words: SignInWords) => signedInPage(browser, stack.baseUrl, username, password, locale, words);

const said = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
const form = (page: Page, heading: string) => page.getByRole('region', { name: heading });

it('the principal administrator runs the organisation from the console in Simplified Chinese; the registry approves a higher maximum', async () => {
  const page = await signedIn(`gx-admin-${stamp}`, 'principal-password-1', 'zh-CN', zhHans);
  await page.getByRole('link', { name: zhHans['nav.organisation'], exact: true }).click();
  await page.waitForURL(/\/console\/organisation$/);
  await page.getByRole('row').filter({ hasText: '郭主任' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);

  // A branch code, then the same code again: refused by the API, the field marked.
  const branch = form(page, zhHans['org.newBranch']);
  await branch.getByLabel(zhHans['field.code'], { exact: true }).fill('KLN');
  await branch.getByLabel(zhHans['field.name'], { exact: true }).fill('九龙办事处');
  await branch.getByRole('button', { name: zhHans['org.createBranch'] }).click();
  await page.getByRole('row').filter({ hasText: '九龙办事处' }).waitFor();
  await branch.getByLabel(zhHans['field.code'], { exact: true }).fill('kln');
  await branch.getByLabel(zhHans['field.name'], { exact: true }).fill('又一个');
  await branch.getByRole('button', { name: zhHans['org.createBranch'] }).click();
  await branch.getByRole('alert').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);

  // A user in KLN, with no password given: the court makes one and shows it once.
  const account = form(page, zhHans['org.newAccount']);
  await account.getByLabel(zhHans['field.username'], { exact: true }).fill(`gx-clerk-${stamp}`);
  await account.getByLabel(zhHans['field.displayName'], { exact: true }).fill('李文书');
  await account.getByLabel(zhHans['field.role'], { exact: true }).selectOption('org-user');
  await account.getByLabel(zhHans['field.branchCode'], { exact: true }).fill('KLN');
  await account.getByRole('button', { name: zhHans['org.create'] }).click();
  const made = page.getByRole('status').filter({ hasText: `gx-clerk-${stamp}` });
  await made.waitFor();
  const password = /：(\S+)$/.exec((await made.textContent()) ?? '')?.[1];
  expect(password?.length).toBeGreaterThan(8);
  expect((await stack.login(`gx-clerk-${stamp}`, password!)).headers.authorization).toMatch(/^Bearer /);
  const clerkRow = page.getByRole('row').filter({ hasText: '李文书' });
  expect(await clerkRow.textContent()).toContain('KLN');

  // A sub-administrator with two powers, then narrowed to one.
  await account.getByLabel(zhHans['field.username'], { exact: true }).fill(`gx-sub-${stamp}`);
  await account.getByLabel(zhHans['field.displayName'], { exact: true }).fill('张副管理');
  await account.getByLabel(zhHans['field.role'], { exact: true }).selectOption('org-sub-admin');
  await account.getByLabel(zhHans['field.password'], { exact: true }).fill('sub-admin-password-1');
  await account.getByLabel(zhHans['enum.powers.assign-cases'], { exact: true }).check();
  await account.getByLabel(zhHans['enum.powers.manage-branch-codes'], { exact: true }).check();
  await account.getByRole('button', { name: zhHans['org.create'] }).click();
  const subRow = page.getByRole('row').filter({ hasText: '张副管理' });
  await subRow.waitFor();
  expect(await subRow.textContent()).toContain(zhHans['enum.powers.manage-branch-codes']);
  await subRow.getByRole('button', { name: zhHans['org.editPowers'].replace('{name}', '张副管理') }).click();
  const powers = page.getByRole('group', { name: zhHans['org.editPowers'].replace('{name}', '张副管理') });
  // The keyboard is taken to the form that opened.
  expect(await powers.getByRole('checkbox').first().evaluate((box) => box === box.ownerDocument.activeElement)).toBe(true);
  await powers.getByLabel(zhHans['enum.powers.manage-branch-codes'], { exact: true }).uncheck();
  await page.getByRole('button', { name: zhHans['org.savePowers'] }).click();
  await eventually(async () => (await subRow.textContent()) ?? '', (text) => !text.includes(zhHans['enum.powers.manage-branch-codes']));
  const members = await call<{ members: { accountId: string; username: string; powers: string[] }[] }>('GET', `/api/v1/organisations/${organisationId}/members`, admin);
  expect(members.body.members.find((m) => m.username === `gx-sub-${stamp}`)?.powers).toEqual(['assign-cases']);

  // The case, assigned to the user.
  await page.getByLabel(zhHans['field.accountId'], { exact: true }).selectOption({ label: `李文书 (gx-clerk-${stamp}, KLN)` });
  await form(page, zhHans['org.assign']).getByLabel(zhHans['field.caseNo'], { exact: true }).fill(caseNo);
  await form(page, zhHans['org.assign']).getByRole('button', { name: zhHans['org.assignButton'] }).click();
  await said(page, caseNo);
  const clerk = await stack.login(`gx-clerk-${stamp}`, password!);
  const cases = await call<{ claims: { caseNo: string }[] }>('GET', '/api/v1/sct/claims', clerk);
  expect(cases.body.claims.map((c) => c.caseNo)).toContain(caseNo);

  // The organisation's default user: the clerk receives the work of cases nobody is assigned to.
  await page.getByLabel(zhHans['org.defaultUser'], { exact: true }).selectOption({ label: `李文书 (gx-clerk-${stamp}, KLN)` });
  await page.getByRole('button', { name: zhHans['org.setDefault'] }).click();
  await page.getByRole('listitem').filter({ hasText: `${zhHans['org.wholeOrganisation']}: 李文书` }).waitFor();
  const defaults = await call<{ defaultUsers: { branchCode: string | null; accountId: string }[] }>('GET', `/api/v1/organisations/${organisationId}/default-users`, admin);
  const clerkId = members.body.members.find((m) => m.username === `gx-clerk-${stamp}`)?.accountId;
  expect(defaults.body.defaultUsers).toEqual([expect.objectContaining({ branchCode: null, accountId: clerkId })]);

  // Moved to the main office, suspended, reactivated.
  await clerkRow.getByLabel(zhHans['org.moveTo'].replace('{name}', '李文书'), { exact: true }).selectOption('MAIN');
  await clerkRow.getByRole('button', { name: zhHans['org.move'].replace('{name}', '李文书') }).click();
  await eventually(async () => (await clerkRow.textContent()) ?? '', (text) => text.includes('MAIN'));
  await clerkRow.getByRole('button', { name: zhHans['org.suspend'].replace('{name}', '李文书') }).click();
  await clerkRow.getByText(zhHans['org.status.suspended'], { exact: true }).waitFor();
  await clerkRow.getByRole('button', { name: zhHans['org.reactivate'].replace('{name}', '李文书') }).click();
  await clerkRow.getByText(zhHans['org.status.active'], { exact: true }).waitFor();

  // A higher maximum of branch codes, asked for.
  const quota = form(page, zhHans['org.requestQuota']);
  await quota.getByLabel(zhHans['field.kind'], { exact: true }).selectOption('branch-codes');
  await quota.getByLabel(zhHans['field.requestedMaximum'], { exact: true }).fill('15');
  await quota.getByLabel(zhHans['field.reason'], { exact: true }).fill('新设三个地区办事处');
  await quota.getByRole('button', { name: zhHans['org.requestButton'] }).click();
  await said(page, zhHans['org.requested']);
  expect(await accessibilityViolations(page)).toEqual([]);
  await keepScreenshot(page, 'organisation-zh-Hans');

  // The registry approves it, with the maximum asked for.
  const officer = await signedIn(SEEDED.officer.username, SEEDED.officer.password, 'en-GB', en);
  await officer.getByRole('link', { name: en['nav.quotaRequests'], exact: true }).click();
  const waiting = officer.getByRole('region', { name: en['quotaRequests.request'].replace('{kind}', en['enum.kind.branch-codes']).replace('{current}', '10').replace('{requested}', '15') });
  await waiting.waitFor();
  expect(await accessibilityViolations(officer)).toEqual([]);
  await keepScreenshot(officer, 'quota-requests-en');
  await waiting.getByRole('button', { name: en['quotaRequests.approve'] }).click();
  await said(officer, en['quotaRequests.decided']);
  await officer.context().close();

  await page.reload();
  const branchCodes = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: zhHans['enum.kind.branch-codes'], exact: true }) });
  await eventually(async () => (await branchCodes.getByRole('cell').first().textContent()) ?? '', (maximum) => maximum === '15');
  expect(await page.getByRole('listitem').filter({ hasText: zhHans['quota.status.approved'] }).count()).toBe(1);
  await page.context().close();
});
