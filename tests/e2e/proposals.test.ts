import { contract } from '@kizuna/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser.js';
import { programmeWithManager } from '../support/calls.js';
import { makeUser } from '../support/factory.js';
import { PDF } from '../support/files.js';
import { linkIn, waitForMail } from '../support/mail.js';
import { consortium, fill } from '../support/proposals.js';

/*
 * The researcher's journey in the browser, against the built API serving the built web app: a manager creates and
 * publishes a call in the editor; a researcher in Malaysia starts a proposal from the public call page and invites
 * partner PIs in Japan and Thailand, who accept through the emailed links; together they write the sections and the
 * budget until the checklist is green; the lead submits. A second proposal, prepared through the API on a call that
 * closes seconds after the test starts, is confirmed in the browser after its deadline and refused.
 */

const CALL_ZONE = 'Asia/Bangkok';
/** The main call closes this long after it is created: enough for the whole journey on a slow machine. */
const MAIN_CALL_MINUTES = 4;
/** The late call closes this long after the test starts. */
const LATE_CALL_MS = 30_000;
const WAIT = { timeout: 20_000 };

let browser: Browser;
/** Uncaught errors of every page: there must be none. */
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** "2026-11-27T18:04", the wall-clock time of `epochMs` in `timeZone`, as a datetime-local input takes it. */
function wallTime(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function logIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor(WAIT);
}

async function trackedPage(): Promise<Page> {
  const page = await newPage(browser);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function signedInPage(user: { email: string; password: string }): Promise<Page> {
  const page = await trackedPage();
  await page.goto('/login');
  await logIn(page, user);
  return page;
}

/** Picks an institution in an InstitutionPicker: its country, then the institution. */
async function pickInstitution(scope: Locator, country: string, institution: string) {
  await scope.getByLabel('Country', { exact: true }).selectOption({ label: country });
  const select = scope.getByLabel('Institution', { exact: true });
  await select
    .locator('option', { hasText: institution })
    .first()
    .waitFor({ state: 'attached', ...WAIT });
  const value = await select.locator('option', { hasText: institution }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

async function savedStatus(section: Locator) {
  await expect.poll(() => section.getByTestId('save-status').getAttribute('data-status'), WAIT).toBe('saved');
}

/** A late proposal, through the API: eligible, on a call that closes about LATE_CALL_MS from now. */
async function lateProposal() {
  const late = await consortium({ closesInMs: LATE_CALL_MS });
  await fill(late.lead, late.proposalId);
  const proposal = await late.lead.call(contract.proposals.get, { params: { id: late.proposalId } });
  const closesAt = Date.parse((proposal.json as { call: { closesAt: string } }).call.closesAt);
  return { ...late, closesAt };
}

/** The manager fills the call editor and publishes; returns the call's id. */
async function createAndPublishCall(page: Page, title: string): Promise<string> {
  await page.goto('/manage/calls/new');
  const now = Date.now();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Summary').fill('Consortia of ASEAN and Japanese researchers on coastal blue carbon.');
  await page.getByLabel('Description').fill('## Scope\nMangrove restoration and **blue carbon** accounting.');
  await page.getByTestId('editor-themes').getByRole('checkbox', { name: 'Climate change' }).check();
  await page.getByLabel('Time zone of the call').selectOption(CALL_ZONE);
  // Opening a minute ago (fine: publishing checks only that the closing is ahead), closing in a few minutes.
  await page.getByLabel('Opens at').fill(wallTime(now - 60_000, CALL_ZONE));
  await page.getByLabel('Closes at').fill(wallTime(now + MAIN_CALL_MINUTES * 60_000 + 60_000, CALL_ZONE));
  await page.getByLabel('Cap per proposal').fill('900000.00');
  await page.getByLabel('Cap per partner').fill('300000.00');

  const agencies: [string, string][] = [
    ['JST — Japan Science and Technology Agency', '1500000.00'],
    ['NRCT — National Research Council of Thailand', '600000.00'],
    ['MOHE — Ministry of Higher Education Malaysia', '600000.00'],
  ];
  for (const [index, [agency, envelope]] of agencies.entries()) {
    await page.getByRole('button', { name: 'Add agency' }).click();
    const row = page.getByTestId(`agency-row-${index}`);
    await row.getByLabel('Agency').selectOption({ label: agency });
    await row.getByLabel('Envelope').fill(envelope);
  }
  // The editor suggests a rate for the currency of each chosen agency's country.
  for (const [index, [currency, rate]] of (
    [
      ['JPY', '0.0067'],
      ['MYR', '0.22'],
      ['THB', '0.028'],
    ] as const
  ).entries()) {
    await page.getByRole('button', { name: `Add ${currency}` }).click();
    await page.getByTestId(`rate-row-${index}`).getByLabel('Rate', { exact: true }).fill(rate);
  }
  const sections: [string, string, string][] = [
    ['objectives', 'Objectives', '200'],
    ['work_plan', 'Work plan', '500'],
  ];
  for (const [index, [key, sectionTitle, maxWords]] of sections.entries()) {
    await page.getByRole('button', { name: 'Add section' }).click();
    const row = page.getByTestId(`section-row-${index}`);
    await row.getByLabel('Key', { exact: true }).fill(key);
    await row.getByLabel('Section title').fill(sectionTitle);
    await row.getByLabel('Word limit').fill(maxWords);
  }
  await page.getByRole('button', { name: 'Add attachment' }).click();
  const attachment = page.getByTestId('attachment-row-0');
  await attachment.getByLabel('Key', { exact: true }).fill('cv');
  await attachment.getByLabel('Attachment title').fill('CVs of the PIs');
  for (const [index, criterion] of ['Scientific excellence', 'Impact', 'Implementation'].entries()) {
    await page.getByTestId(`criterion-row-${index}`).getByLabel('Criterion').fill(criterion);
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('The call is saved as a draft. Publish it when it is ready.').waitFor(WAIT);
  const callId = /\/manage\/calls\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1];
  expect(callId).toBeDefined();

  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Publish this call?' });
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText('The call is published.').waitFor(WAIT);
  return callId!;
}

/** A partner PI opens the emailed invitation signed out, logs in from it, and accepts. */
async function acceptInvitation(user: { email: string; password: string }, proposalId: string): Promise<Page> {
  const [mail] = await waitForMail(user.email, (m) => m.subject.includes('consortium'));
  const link = linkIn(mail!, '/invitations');
  const page = await trackedPage();
  await page.goto(link.pathname + link.search);
  const invitation = page.getByTestId('invitation-page');
  await expect.poll(() => invitation.getAttribute('data-state'), WAIT).toBe('signed-out');
  await invitation.getByRole('link', { name: 'Log in' }).click();
  await logIn(page, user);
  // Back on the invitation, signed in with the invited address.
  await expect.poll(() => invitation.getAttribute('data-state'), WAIT).toBe('ready');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL(`**/proposals/${proposalId}`, WAIT);
  await page.getByTestId('proposal-workspace').waitFor(WAIT);
  return page;
}

describe('proposals in the browser', () => {
  it('a manager publishes a call; a Malaysian-led consortium with Japan and Thailand fills and submits a proposal; a late submission is refused', async () => {
    // The late proposal's call starts closing now: prepare it while the browser part begins.
    const latePrepared = lateProposal();

    // 1. Before its deadline, the late proposal's lead gets as far as the confirmation.
    const late = await latePrepared;
    const latePage = await signedInPage(late.leadUser);
    await latePage.goto(`/proposals/${late.proposalId}/submit`);
    const lateSubmit = latePage.getByRole('button', { name: 'Submit the proposal' });
    await expect.poll(() => lateSubmit.isEnabled(), WAIT).toBe(true);
    expect(Date.now()).toBeLessThan(late.closesAt);
    await lateSubmit.click();
    const lateDialog = latePage.getByRole('alertdialog', { name: 'Submit the proposal?' });
    await lateDialog.waitFor(WAIT);

    // 2. The manager creates and publishes the call in the editor.
    const { manager } = await programmeWithManager();
    const managerPage = await signedInPage(manager);
    const callTitle = `Blue carbon joint call ${Date.now()}`;
    const callId = await createAndPublishCall(managerPage, callTitle);

    // 3. A researcher in Malaysia starts a proposal from the public call page.
    const lead = await makeUser({ roles: ['RESEARCHER'] });
    const japan = await makeUser({ roles: ['RESEARCHER'] });
    const thailand = await makeUser({ roles: ['RESEARCHER'] });
    const leadPage = await signedInPage(lead);
    await leadPage.goto(`/calls/${callId}`);
    await leadPage.getByRole('heading', { name: callTitle }).waitFor(WAIT);
    await leadPage.getByRole('link', { name: 'Start a proposal' }).click();
    const start = leadPage.getByRole('form', { name: 'Start a proposal' });
    await start.getByLabel('Title', { exact: true }).fill('Mangrove carbon and coastal resilience');
    await start.getByLabel('Acronym').fill('MANGROVE-CR');
    await start.getByLabel('Theme').selectOption({ label: 'Climate change' });
    await pickInstitution(start.getByTestId('lead-institution'), 'Malaysia', 'Universiti Malaya');
    await start.getByRole('button', { name: 'Start the proposal' }).click();
    await leadPage.waitForURL(/\/proposals\/[0-9a-f-]{36}$/, WAIT);
    const proposalId = /\/proposals\/([0-9a-f-]{36})$/.exec(leadPage.url())![1]!;
    expect(await leadPage.getByTestId('proposal-acronym').textContent()).toBe('MANGROVE-CR');
    // The deadline in the call's zone and in the user's.
    expect(await leadPage.getByTestId('deadline-call-zone').textContent()).toContain(CALL_ZONE);

    // 4. The lead invites partner PIs in Japan and Thailand.
    await leadPage.getByTestId('tab-consortium').click();
    const inviteForm = leadPage.getByTestId('invite-form');
    for (const [user, country, institution] of [
      [japan, 'Japan', 'Kyoto University'],
      [thailand, 'Thailand', 'Chulalongkorn University'],
    ] as const) {
      await inviteForm.getByLabel('Email').fill(user.email);
      await inviteForm.getByLabel('Role').selectOption('PARTNER_PI');
      await pickInstitution(inviteForm.getByTestId('partner-institution'), country, institution);
      await inviteForm.getByRole('button', { name: 'Send invitation' }).click();
      await leadPage.getByText(`An invitation is on its way to ${user.email}.`).waitFor(WAIT);
    }
    await expect.poll(() => leadPage.getByTestId('invitation-row').count(), WAIT).toBe(2);

    // 5. They accept through the emailed links.
    const japanPage = await acceptInvitation(japan, proposalId);
    const thailandPage = await acceptInvitation(thailand, proposalId);
    await leadPage.reload();
    await expect.poll(() => leadPage.getByTestId('partner-row').count(), WAIT).toBe(3);
    await expect
      .poll(() => leadPage.locator('[data-testid="invitation-row"][data-status="ACCEPTED"]').count(), WAIT)
      .toBe(2);

    // 6. They fill the proposal: the duration, a section each, the budget, the CVs.
    await leadPage.getByTestId('tab-overview').click();
    await leadPage.getByLabel('Duration (months)').fill('24');
    await leadPage.getByLabel('Keywords').fill('mangroves, blue carbon, coastal resilience');
    await leadPage.getByRole('button', { name: 'Save', exact: true }).click();
    await leadPage.getByText('Saved.').waitFor(WAIT);

    await leadPage.getByTestId('tab-sections').click();
    const objectives = leadPage.getByTestId('section-objectives');
    await objectives
      .getByRole('textbox', { name: 'Objectives' })
      .fill('Measure blue carbon in restored mangroves of Selangor, Chanthaburi and Okinawa.');
    await japanPage.getByTestId('tab-sections').click();
    const workPlan = japanPage.getByTestId('section-work_plan');
    await workPlan
      .getByRole('textbox', { name: 'Work plan' })
      .fill('WP1 field plots; WP2 remote sensing at Kyoto; WP3 carbon accounting with partners.');
    await savedStatus(objectives);
    await savedStatus(workPlan);

    const budgets: [Page, string, [number, string, string][]][] = [
      [
        leadPage,
        'Universiti Malaya',
        [
          [1, 'Personnel', '100000'],
          [2, 'Personnel', '100000'],
        ],
      ],
      [japanPage, 'Kyoto University', [[1, 'Equipment', '5000000']]],
      [thailandPage, 'Chulalongkorn University', [[1, 'Consumables', '300000']]],
    ];
    for (const [page, partner, cells] of budgets) {
      // Each loads the budget as the previous partner saved it.
      await page.goto(`/proposals/${proposalId}/budget`);
      await page.getByTestId('budget-editor').waitFor(WAIT);
      for (const [year, category, amount] of cells) {
        await page.getByRole('textbox', { name: `${partner}, year ${year}, ${category}` }).fill(amount);
      }
      await expect.poll(() => page.getByTestId('budget-summary').getAttribute('data-source')).toBe('live');
      await page.getByRole('button', { name: 'Save budget' }).click();
      await page.getByText('Budget saved. The totals below are the server’s.').waitFor(WAIT);
      expect(await page.getByTestId('budget-summary').getAttribute('data-source')).toBe('server');
    }
    // MY 200,000 MYR × 0.22 + 25 % = 55,000; JP 5,000,000 JPY × 0.0067 (equipment: no indirect) = 33,500;
    // TH 300,000 THB × 0.028 + 25 % = 10,500.
    expect(await thailandPage.getByTestId('budget-grand-total').textContent()).toBe('US$99,000.00');

    await leadPage.goto(`/proposals/${proposalId}/attachments`);
    await leadPage
      .getByTestId('attachment-cv')
      .getByLabel('Upload CVs of the PIs')
      .setInputFiles({ name: 'CVs — MANGROVE-CR.pdf', mimeType: 'application/pdf', buffer: PDF });
    await leadPage.getByText('CVs — MANGROVE-CR.pdf is uploaded.').waitFor(WAIT);

    // 7. The checklist turns green.
    await leadPage.getByTestId('tab-checklist').click();
    const checklist = leadPage.getByTestId('eligibility-checklist');
    await expect.poll(() => checklist.getAttribute('data-eligible'), WAIT).toBe('true');
    expect(await leadPage.getByTestId('checklist-verdict').textContent()).toBe(
      'The proposal meets every rule of the call.',
    );
    expect(await leadPage.getByTestId('checklist-badge').getAttribute('data-eligible')).toBe('true');

    // 8. The lead submits; the receipt and the submission are shown.
    await leadPage.getByTestId('tab-submit').click();
    await leadPage.getByRole('button', { name: 'Submit the proposal' }).click();
    await leadPage
      .getByRole('alertdialog', { name: 'Submit the proposal?' })
      .getByRole('button', { name: 'Submit now' })
      .click();
    await leadPage.getByTestId('submit-receipt').waitFor(WAIT);
    expect(await leadPage.getByTestId('proposal-status').getAttribute('data-status')).toBe('SUBMITTED');
    expect(await leadPage.getByTestId('submission-item').count()).toBe(1);
    await waitForMail(japan.email, (m) => m.subject.includes('MANGROVE-CR submitted'));

    // The programme's manager finds it among the call's proposals, counted by country, read-only.
    await managerPage.goto('/manage/calls');
    await managerPage.getByRole('link', { name: `Proposals of ${callTitle}` }).click();
    const row = managerPage.getByTestId('managed-proposal-row');
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-proposal-id')).toBe(proposalId);
    await expect.poll(() => managerPage.getByTestId('stats-country').getByTestId('bar').count(), WAIT).toBe(3);
    await row.getByRole('link', { name: 'MANGROVE-CR' }).click();
    await expect.poll(() => managerPage.getByTestId('read-only').getAttribute('data-reason'), WAIT).toBe('notMember');

    // The partners see it submitted, and cannot submit themselves.
    await japanPage.goto(`/proposals/${proposalId}/submit`);
    await japanPage.getByText('Only the lead PI can submit the proposal.').waitFor(WAIT);

    // 9. The late confirmation, after its call's deadline by the server's clock, is refused and says so.
    const untilClosed = late.closesAt + 1_000 - Date.now();
    if (untilClosed > 0) await new Promise((resolve) => setTimeout(resolve, untilClosed));
    await lateDialog.getByRole('button', { name: 'Submit now' }).click();
    const refused = latePage.getByTestId('submit-closed');
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toMatch(/^The call closed on .+: the proposal was not submitted\.$/);
    expect(await latePage.getByTestId('proposal-status').getAttribute('data-status')).toBe('DRAFT');
    expect(await latePage.getByRole('button', { name: 'Submit the proposal' }).isDisabled()).toBe(true);

    expect(pageErrors).toEqual([]);
    for (const page of [managerPage, latePage, leadPage, japanPage, thailandPage]) await page.context().close();
  }, 300_000);
});
