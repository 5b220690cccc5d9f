import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser.js';
import { uniqueEmail } from '../support/factory.js';
import { linkIn, waitForMail } from '../support/mail.js';

const DEMO_PASSWORD = 'Kizuna-demo-2026';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('accounts in the browser', () => {
  it('signs up, verifies through the emailed link, logs in and out', async () => {
    const page = await newPage(browser);
    const email = uniqueEmail('e2e');
    await page.goto('/signup');
    await page.getByLabel('Display name').fill('Nguyen Thi Lan');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('mangrove restoration 2026');
    await page.getByLabel('Confirm password').fill('mangrove restoration 2026');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.getByTestId('signup-check-email').textContent()).toContain(email);

    const [mail] = await waitForMail(email);
    const link = linkIn(mail!, '/verify-email');
    await page.goto(link.pathname + link.search);
    await page.getByText('Email verified').waitFor();

    await logIn(page, email, 'mangrove restoration 2026');
    await page.getByRole('heading', { name: 'Welcome, Nguyen Thi Lan' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.goto('/account');
    await page.waitForURL(/\/login/);
    await page.context().close();
  });

  it('shows field errors for invalid sign-up input without sending it', async () => {
    const page = await newPage(browser);
    await page.goto('/signup');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('/signup');
    await page.context().close();
  });

  const roles = [
    { email: 'researcher@kizuna.test', sees: [], notSees: ['Users', 'Audit log'] },
    { email: 'reviewer@kizuna.test', sees: [], notSees: ['Users', 'Audit log'] },
    { email: 'manager@kizuna.test', sees: [], notSees: ['Users', 'Audit log'] },
    { email: 'admin@kizuna.test', sees: ['Users', 'Audit log'], notSees: [] },
  ];
  it.each(roles)(
    'logs in as the demo $email and sees the navigation of that role',
    async ({ email, sees, notSees }) => {
      const page = await newPage(browser);
      await logIn(page, email, DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      for (const name of sees) await nav.getByRole('link', { name }).waitFor();
      for (const name of notSees) expect(await nav.getByRole('link', { name }).count()).toBe(0);
      await page.context().close();
    },
  );

  it('the admin lists users; a researcher sent to the admin page is shown it is forbidden', async () => {
    const admin = await newPage(browser);
    await logIn(admin, 'admin@kizuna.test', DEMO_PASSWORD);
    await admin.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
    // Other tests add users in parallel: search rather than rely on the first page.
    await admin.getByLabel('Search users').fill('manager@kizuna');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.getByText('manager@kizuna.test').waitFor();
    await admin.context().close();

    const researcher = await newPage(browser);
    await logIn(researcher, 'researcher@kizuna.test', DEMO_PASSWORD);
    await researcher.getByRole('button', { name: 'Log out' }).waitFor();
    await researcher.goto('/admin/users');
    await researcher.getByTestId('forbidden').waitFor();
    await researcher.context().close();
  });

  it('switches the interface to Japanese', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.getByLabel('Language').first().selectOption('ja');
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.context().close();
  });

  it('resets a forgotten password through the emailed link', async () => {
    const page = await newPage(browser);
    const email = uniqueEmail('reset');
    // An account made through the UI's API path, verified by its link.
    await page.request.post('/api/auth/register', {
      data: { email, password: 'first password long', displayName: 'Reset Me' },
    });
    const [verifyMail] = await waitForMail(email);
    await page.request.post('/api/auth/verify-email', {
      data: { token: linkIn(verifyMail!, '/verify-email').searchParams.get('token') },
    });

    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const [mail] = await waitForMail(email, (m) => m.subject.includes('Reset'));
    const link = linkIn(mail!, '/reset-password');
    await page.goto(link.pathname + link.search);
    await page.getByLabel('New password').fill('second password long');
    await page.getByLabel('Confirm password').fill('second password long');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Password changed').waitFor();
    await logIn(page, email, 'second password long');
    await page.getByRole('heading', { name: 'Welcome, Reset Me' }).waitFor();
    await page.context().close();
  });
});
