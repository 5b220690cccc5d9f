import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

// Flags that work as root on machines without network access (see ../shared/notes/toolchain.md).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's Chromium (or CHROMIUM_PATH) driven by playwright-core; Playwright gives it a fresh profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ARGS,
    headless: true,
  });
}

/** A new page in its own context (own cookies), in the given language, with the app's origin as base URL. */
export async function newPage(browser: Browser, locale: 'en-US' | 'ja-JP' = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('apiUrl'), locale, timezoneId: 'Asia/Kuala_Lumpur' });
  return context.newPage();
}

/** Logs in through the login page and waits until the app shows the signed-in shell. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/**
 * One Chromium for a test file (launched before its tests, closed after): `open(user)` logs a user in on a page of
 * its own; every uncaught page error lands in `pageErrors`, which a journey expects to stay empty.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    pageErrors,
    async open(user: { email: string; password: string }): Promise<Page> {
      if (!browser) throw new Error('useBrowser: the browser is not launched yet');
      const page = await newPage(browser);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await logIn(page, user.email, user.password);
      return page;
    },
  };
}
