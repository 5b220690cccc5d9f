import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage } from '../support/browser.js';
import { makeUser } from '../support/factory.js';
import { waitForMail } from '../support/mail.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('notifications in the browser', () => {
  it('an announcement shows its progress to the admin, and the bell of a signed-in reviewer updates live', async () => {
    const admin = await makeUser({ roles: ['ADMIN'] });
    const reviewer = await makeUser({ roles: ['REVIEWER'] });

    const reviewerPage = await newPage(browser);
    await logIn(reviewerPage, reviewer.email, reviewer.password);
    const bell = reviewerPage.getByTestId('notification-bell');
    await bell.waitFor();
    expect(await reviewerPage.getByTestId('unread-count').count()).toBe(0);

    const adminPage = await newPage(browser);
    await logIn(adminPage, admin.email, admin.password);
    await adminPage.goto('/admin/announcements');
    const title = `Workshop in Bangkok ${Date.now()}`;
    await adminPage.getByLabel('Title').fill(title);
    await adminPage.getByLabel('Message').fill('Join the ASEAN–Japan partnering workshop on 12 March.');
    await adminPage.getByRole('checkbox', { name: 'Reviewer' }).check();
    await adminPage.getByRole('button', { name: 'Send announcement' }).click();
    const progress = adminPage.getByRole('progressbar');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 20000 }).toBe('100');
    await adminPage.getByTestId('job-result').waitFor();

    // No reload: the count arrives over Server-Sent Events.
    await expect.poll(() => reviewerPage.getByTestId('unread-count').textContent(), { timeout: 15000 }).toBe('1');
    await bell.click();
    await reviewerPage.getByText(title).first().waitFor();
    await reviewerPage.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => reviewerPage.getByTestId('unread-count').count()).toBe(0);

    await waitForMail(reviewer.email, (m) => m.subject.includes(title));
    await adminPage.context().close();
    await reviewerPage.context().close();
  });

  it('turns a category of email off from the preferences page', async () => {
    const user = await makeUser({ roles: ['RESEARCHER'] });
    const page = await newPage(browser);
    await logIn(page, user.email, user.password);
    await page.goto('/account/notifications');
    const group = page.getByTestId('preference-ANNOUNCEMENTS');
    await group.getByRole('radio', { name: 'Off' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your email preferences are saved.').waitFor();
    await page.reload();
    expect(await page.getByTestId('preference-ANNOUNCEMENTS').getByRole('radio', { name: 'Off' }).isChecked()).toBe(
      true,
    );
    expect(await page.getByTestId('preference-ACCOUNT').getByRole('radio', { name: 'Immediately' }).isDisabled()).toBe(
      true,
    );
    await page.context().close();
  });
});
