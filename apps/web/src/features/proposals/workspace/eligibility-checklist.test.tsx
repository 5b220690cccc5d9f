import type { EligibilityReport } from '@kizuna/shared';
import { formatMoney } from '@kizuna/shared';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { COUNTRIES } from '../../../test/calls';
import { JP_PARTNER, makeProposal, proposalCall } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { EligibilityChecklist } from './eligibility-checklist';

const call = {
  ...proposalCall(),
  attachments: [{ key: 'cv', title: 'CVs of the PIs', required: true, maxSizeMb: 5, types: ['pdf' as const] }],
};

function item(kind: string) {
  const found = screen.getAllByTestId('checklist-item').find((li) => li.getAttribute('data-rule-kind') === kind);
  if (!found) throw new Error(`no item for ${kind}`);
  return found;
}

function render(report: EligibilityReport) {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async () => jsonResponse(200, COUNTRIES)),
  );
  return renderWithApp(
    <EligibilityChecklist
      report={report}
      call={call}
      proposal={makeProposal()}
      tabHref={(tab) => `/proposals/x/${tab}`}
    />,
    { me: makeMe() },
  );
}

describe('EligibilityChecklist', () => {
  it('says which rules fail and what the server found, from the params', async () => {
    render({
      eligible: false,
      results: [
        {
          rule: { kind: 'min_partners_in_countries', countries: ['JP'], min: 1 },
          passed: true,
          code: 'eligibility.min_partners_in_countries',
          params: { countries: ['JP'], min: 1, actual: 1 },
        },
        {
          rule: { kind: 'min_distinct_countries', countries: 'ASEAN', min: 2 },
          passed: false,
          code: 'eligibility.min_distinct_countries',
          params: { countries: 'ASEAN', min: 2, actual: 1, found: ['MY'] },
        },
        {
          rule: { kind: 'budget_partner_max' },
          passed: false,
          code: 'eligibility.budget_partner_max',
          params: { currency: 'USD', actual: '350000.00', max: '300000.00', partnerIds: [JP_PARTNER], budgetErrors: 0 },
        },
        {
          rule: { kind: 'duration_max' },
          passed: false,
          code: 'eligibility.duration_max',
          params: { max: 36 },
        },
        {
          rule: { kind: 'sections_complete' },
          passed: false,
          code: 'eligibility.sections_complete',
          params: { missing: ['work_plan'], tooLong: ['objectives'], 'words.objectives': 7, 'maxWords.objectives': 5 },
        },
        {
          rule: { kind: 'attachments_present' },
          passed: false,
          code: 'eligibility.attachments_present',
          params: { missing: ['cv'] },
        },
      ],
    });

    expect(screen.getByTestId('checklist-verdict').textContent).toBe('5 of 6 rules are not met yet.');
    expect(screen.getByTestId('eligibility-checklist').getAttribute('data-eligible')).toBe('false');

    const japan = item('min_partners_in_countries');
    expect(japan.getAttribute('data-passed')).toBe('true');
    expect(japan.textContent).toContain('Met: At least 1 partner(s) in Japan');
    expect(within(japan).queryByRole('link')).toBeNull();

    const asean = item('min_distinct_countries');
    expect(asean.textContent).toContain('Not met: Partners from at least 2 different ASEAN member states');
    expect(await within(asean).findByText('Now 1: Malaysia.')).toBeDefined();
    expect(within(asean).getByRole('link', { name: 'Go to Consortium' }).getAttribute('href')).toBe(
      '/proposals/x/consortium',
    );

    const caps = item('budget_partner_max');
    const usd = (a: string) => formatMoney(a, 'USD', 'en-GB');
    expect(
      within(caps).getByText(`Highest partner total: ${usd('350000.00')} of at most ${usd('300000.00')}.`),
    ).toBeDefined();
    expect(within(caps).getByText('Over the cap: Kyoto University.')).toBeDefined();
    expect(within(caps).getByRole('link', { name: 'Go to Budget' })).toBeDefined();

    expect(within(item('duration_max')).getByText('The duration is not given yet (at most 36 months).')).toBeDefined();
    const sections = item('sections_complete');
    expect(within(sections).getByText('Not written yet: Work plan.')).toBeDefined();
    expect(within(sections).getByText('Objectives: 7 words, at most 5.')).toBeDefined();
    expect(within(item('attachments_present')).getByText('Missing: CVs of the PIs.')).toBeDefined();
  });

  it('turns green when every rule passes', () => {
    render({
      eligible: true,
      results: [
        {
          rule: { kind: 'duration_max' },
          passed: true,
          code: 'eligibility.duration_max',
          params: { max: 36, actual: 24 },
        },
      ],
    });
    const verdict = screen.getByTestId('checklist-verdict');
    expect(verdict.textContent).toBe('The proposal meets every rule of the call.');
    expect(verdict.className).toContain('alert-success');
    expect(item('duration_max').textContent).toContain('24 months of at most 36.');
  });
});
