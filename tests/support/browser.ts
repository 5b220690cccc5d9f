import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

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
