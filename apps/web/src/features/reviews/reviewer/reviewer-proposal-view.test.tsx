import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { ASSIGNMENT_ID, makeReviewerView } from '../../../test/reviews';
import { ReviewerProposal } from './reviewer-proposal-view';

function render(blind: boolean) {
  // Country names come from the reference list; without it the browser's own names are used.
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async () => jsonResponse(200, [])),
  );
  return renderWithApp(<ReviewerProposal view={makeReviewerView(blind)} />, { me: makeMe() });
}

describe('ReviewerProposal', () => {
  it('in a blind review shows partners as "Partner n", with no institution, country or file name', () => {
    render(true);
    const view = screen.getByTestId('reviewer-proposal');
    expect(view.getAttribute('data-blind')).toBe('true');
    expect(screen.getByTestId('blind-notice')).toBeDefined();
    const partners = screen.getAllByTestId('proposal-partner');
    expect(partners.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Partner 1', 'Partner 2']);
    expect(screen.queryByRole('columnheader', { name: 'Country' })).toBeNull();
    expect(view.textContent).not.toContain('Universiti Malaya');
    expect(view.textContent).not.toContain('Malaysia');
    expect(view.textContent).not.toContain('cv-aisyah');
    expect(screen.getByTestId('proposal-attachment').textContent).toContain('(file name hidden)');
    // Each file downloads through the reviewer's own operation.
    expect(screen.getByTestId('proposal-attachment-link').getAttribute('href')).toBe(
      `/api/reviewer/assignments/${ASSIGNMENT_ID}/attachments/cv`,
    );
    // The content and the budget are all there.
    expect(within(screen.getByTestId('proposal-section-objectives')).getByText('Measure carbon stocks.')).toBeDefined();
    expect(screen.getByTestId('proposal-budget-total').textContent).toBe('US$550,000.00');
  });

  it('without blind review names the institutions and their countries', () => {
    render(false);
    expect(screen.queryByTestId('blind-notice')).toBeNull();
    const partners = screen.getAllByTestId('proposal-partner');
    const lead = within(partners[0] as HTMLElement).getByRole('rowheader');
    expect(lead.textContent).toContain('Partner 1');
    expect(lead.textContent).toContain('Universiti Malaya');
    expect(partners[0]?.textContent).toContain('Malaysia');
    const link = screen.getByRole('link', { name: 'cv-aisyah-universiti-malaya.pdf' });
    expect(link.getAttribute('href')).toBe(`/api/reviewer/assignments/${ASSIGNMENT_ID}/attachments/cv`);
  });
});
