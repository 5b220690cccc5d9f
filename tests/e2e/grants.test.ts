import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';
import { PDF } from '../support/files.js';
import { getGrant, markFunded, submittedProposals } from '../support/grants.js';
import { loggedIn } from '../support/proposals.js';

/*
 * A grant from award to first payment in the browser, against the built API serving the built web app: the manager
 * awards a funded proposal (one budget line adjusted, with the reason), the consortium acknowledges the agreement (the
 * lead PI in the browser, the partner PIs through the API), the lead PI submits milestone evidence with a file and the
 * first report with a publication and a financial statement, the manager accepts both, plans a tranche on the report
 * and releases it, and the portfolio dashboard shows the payment.
 */

const WAIT = { timeout: 30_000 };

const { open, pageErrors } = useBrowser();

describe('grants in the browser', () => {
  it('award, agreement, milestone evidence, report with a financial statement, acceptance, tranche release, dashboard', async () => {
    const call = await submittedProposals([
      {
        acronym: 'MANGROVE-CR',
        title: 'Carbon in restored mangroves',
        abstract: 'Blue carbon stocks of restored mangrove forests.',
        keywords: ['mangrove', 'carbon'],
      },
    ]);
    const proposal = call.proposals[0]!;
    await markFunded(call.callId, [proposal.proposalId], call.managerId);

    // The manager finds the funded proposal and awards it, trimming one line of the budget.
    const manager = await open(call.managerUser);
    await manager.goto('/grants');
    await manager.getByTestId('awaiting-award').getByTestId('award-grant-link').click();
    await manager.getByTestId('award-form').waitFor(WAIT);
    const firstOfMonth = new Date();
    const start = `${firstOfMonth.getUTCFullYear()}-${String(firstOfMonth.getUTCMonth() + 1).padStart(2, '0')}-01`;
    await manager.getByLabel('Start date').fill(start);
    await manager.getByLabel(`Approved amount: ${proposal.institutions.my.name}, year 1, Personnel`).fill('90000.00');
    await manager.getByLabel('Why the budget changes').fill('Personnel trimmed by the panel');
    await manager.getByTestId('award-submit').click();
    await manager.getByTestId('grant').waitFor(WAIT);
    expect(await manager.getByTestId('grant-status').textContent()).toBe('Awarded');
    const grantId = (await manager.getByTestId('grant').getAttribute('data-grant-id'))!;
    await manager.getByTestId('grant-tab-budget').click();
    await manager.locator('[data-testid="grant-budget-lines"] tr.change-changed').first().waitFor(WAIT);

    // The lead PI acknowledges the agreement in the browser; the partner PIs through the API; the grant starts.
    const lead = await open(proposal.leadUser);
    await lead.goto('/grants');
    await lead.locator(`[data-testid="grant-row"][data-grant-id="${grantId}"] a`).first().click();
    await lead.getByLabel(/I have read version 1 of the agreement/).check();
    await lead.getByTestId('acknowledge-agreement').click();
    await expect.poll(() => lead.locator('[data-acknowledged="yes"]').count(), WAIT).toBe(1);
    for (const user of [proposal.jpUser, proposal.thUser]) {
      const client = await loggedIn(user);
      const res = await client.call(contract.grants.acknowledge, { params: { id: grantId }, body: { version: 1 } });
      expect(res.status).toBe(200);
    }
    await lead.reload();
    await expect.poll(() => lead.getByTestId('grant-status').textContent(), WAIT).toBe('Active');

    // Milestone evidence: a text, a file.
    await lead.getByTestId('grant-tab-milestones').click();
    const milestone = lead.getByTestId('milestone').first();
    await milestone
      .getByLabel('Add a file')
      .setInputFiles({ name: 'sites-report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await milestone.getByTestId('milestone-file').waitFor(WAIT);
    await milestone.getByTestId('milestone-evidence').fill('All six sites are equipped; the field report is attached.');
    await milestone.getByTestId('milestone-submit').click();
    await lead.locator('[data-testid="milestone"][data-status="SUBMITTED"]').first().waitFor(WAIT);

    // The first report: narrative, a joint publication, actual spending; saved, then submitted.
    await lead.getByTestId('grant-tab-reports').click();
    await lead.getByTestId('grant-report-row').first().getByRole('link').click();
    const editor = lead.getByTestId('report-editor');
    await editor.waitFor(WAIT);
    await editor.getByLabel('Summary').fill('Field campaigns started at all six sites.');
    await editor.getByTestId('add-publications').click();
    const publication = editor.getByRole('group', { name: 'Publication 1' });
    await publication.getByLabel('Title').fill('Blue carbon in restored mangroves of Selangor');
    await publication.getByLabel('Author countries').fill('JP, MY');
    await publication.getByTestId('joint-publication').waitFor(WAIT);
    await editor.getByTestId('add-spending').click();
    const spending = editor.getByRole('group', { name: 'Spending line 1' });
    await spending.getByLabel('Partner').selectOption(proposal.partners.my);
    await spending.getByLabel('Category').selectOption('TRAVEL');
    await spending.getByLabel('Amount (MYR)').fill('1500.00');
    await lead.getByTestId('report-save').click();
    await lead.getByText('Report saved.').waitFor(WAIT);
    await lead.getByTestId('report-submit').click();
    await lead.getByTestId('report-submit-dialog').getByRole('button', { name: 'Submit' }).click();
    await lead.locator('[data-testid="report-status"][data-status="SUBMITTED"]').waitFor(WAIT);
    const travel = lead.locator(
      `[data-testid="statement-row"][data-partner="${proposal.partners.my}"][data-category="TRAVEL"]`,
    );
    expect(await travel.textContent()).toContain('1,500.00');

    // The manager accepts the milestone and the report.
    await manager.goto(`/grants/${grantId}/milestones`);
    await manager.getByTestId('milestone-accept').first().click();
    await manager.locator('[data-testid="milestone"][data-status="ACCEPTED"]').first().waitFor(WAIT);
    const reportId = (await getGrant(call.manager, grantId)).reports[0]!.id;
    await manager.goto(`/grants/${grantId}/reports/${reportId}`);
    await manager.getByTestId('report-accept').click();
    await manager.locator('[data-testid="report-status"][data-status="ACCEPTED"]').waitFor(WAIT);

    // A tranche to the Malaysian partner on the accepted report: planned, then released.
    await manager.goto(`/grants/${grantId}/disbursements`);
    const plan = manager.getByTestId('plan-tranche');
    await plan.getByLabel('Partner').selectOption(proposal.partners.my);
    await plan.getByLabel('Amount (MYR)').fill('10000.00');
    await plan.getByLabel('Condition').selectOption('REPORT');
    await plan.getByTestId('plan-tranche-submit').click();
    await manager.locator('[data-testid="tranche"][data-status="PLANNED"]').waitFor(WAIT);
    await manager.getByTestId('tranche-release').click();
    await manager.getByTestId('release-form').getByLabel('Payment reference (optional)').fill('MY-TT-0001');
    await manager.getByTestId('release-confirm').click();
    await manager.locator('[data-testid="tranche"][data-status="RELEASED"]').waitFor(WAIT);
    const grant = await getGrant(call.manager, grantId);
    expect(grant.status).toBe('ACTIVE');
    expect(grant.tranches[0]).toMatchObject({ status: 'RELEASED', amount: '10000.00', reference: 'MY-TT-0001' });
    const released = grant.balances.total.released;
    expect(Number(released)).toBeGreaterThan(0);

    // The dashboard shows the payment in the call currency, the joint publication and the network picture.
    await manager.goto('/manage/grants/portfolio');
    const money = manager.getByTestId(`money-${grant.currency}`);
    await money.waitFor(WAIT);
    const grouped = Number(released).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(await money.getByTestId('money-disbursed').textContent()).toContain(grouped);
    expect(await manager.getByTestId('output-jointPublications').textContent()).toContain('1');
    await manager.getByTestId('network-chart').waitFor(WAIT);
    expect(await manager.getByTestId('network-edge').count()).toBeGreaterThan(0);

    expect(pageErrors).toEqual([]);
  });
});
