/**
 * A real browser for the console's tests: Debian's Chromium, headless,
 * driven by playwright-core (no browser download), with axe-core's WCAG 2.1
 * AA rules run on a page and its screenshots kept under test-artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium to drive: CHROMIUM_PATH, else Debian's binary (not its wrapper script, which prints noise), else the wrapper. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian’s `chromium` (.ci/run does) or set CHROMIUM_PATH');
  return found;
}

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's own sandbox will not start.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** The words of the sign-in page the tests type into, in the language the page is read in. */
export type SignInWords = Record<'signIn.username' | 'signIn.password', string>;

/**
 * A new browser context in `locale`, signed in through the console's own
 * sign-in page (the keyboard's Enter submits it), a page error failing the
 * test; back on the page the console lands the account on.
 */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, password: string, locale: string, words: SignInWords): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.getByLabel(words['signIn.username'], { exact: true }).fill(username);
  await page.getByLabel(words['signIn.password'], { exact: true }).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((address) => !address.pathname.endsWith('/sign-in'));
  return page;
}

/** The WCAG 2.1 A and AA violations axe finds on the page as it stands, as "rule: target" lines (empty when none). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${v.help})`));
}

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'console');

/** Keeps a full-page screenshot as test-artifacts/console/<name>.png. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/*
 * What the page itself knows, read by expressions evaluated in it: this
 * project's TypeScript has no DOM types outside console/, so they are
 * strings, each returning a plain value.
 */

/** The focused element as `tag#id:text`, e.g. `h1#:Cause book`. */
export const focusedElement = (page: Page) =>
  page.evaluate<string>("(() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}#${e.id}:${e.textContent ?? ''}` : ''; })()");

/** How far the page is wider than the window, in CSS pixels (0 or less: no sideways scrolling). */
export const horizontalOverflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** An item of the tab's sessionStorage. */
export const sessionItem = (page: Page, key: string) => page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(key)})`);
