import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CALL_ID, makeCall } from '../../../test/calls';
import { PROPOSAL_ID } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { makeRanking, OTHER_PROPOSAL_ID } from '../../../test/reviews';
import { RankingTab, RankingTable } from './ranking-tab';

function cellIndex(table: HTMLElement, name: string): number {
  const headers = within(table).getAllByRole('columnheader');
  return headers.findIndex((header) => header.textContent === name);
}

describe('RankingTable', () => {
  it('shows the raw mean and the calibrated score side by side, with both ranks', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () => jsonResponse(200, [])),
    );
    renderWithApp(<RankingTable ranking={makeRanking()} selected={new Set([OTHER_PROPOSAL_ID])} />, {
      me: makeMe(),
    });
    const table = screen.getByTestId('ranking-table');
    const raw = cellIndex(table, 'Raw mean');
    const calibrated = cellIndex(table, 'Calibrated');
    expect(raw).toBeGreaterThan(-1);
    expect(calibrated).toBe(raw + 1);

    const [first, second] = screen.getAllByTestId('ranking-row') as [HTMLElement, HTMLElement];
    expect(within(first).getByTestId('raw-mean').textContent).toBe('3.9');
    expect(within(first).getByTestId('calibrated').textContent).toBe('4.15');
    expect(within(first).getAllByRole('cell')[0]?.textContent).toBe('1raw 2');
    expect(within(second).getByTestId('raw-mean').textContent).toBe('4.1');
    expect(within(second).getByTestId('calibrated').textContent).toBe('3.72');

    // Wide disagreement is flagged; the proposals of the funding plan are marked.
    expect(within(first).queryByTestId('disagreement')).toBeNull();
    expect(within(second).getByTestId('disagreement').textContent).toBe('Disagreement');
    expect(second.getAttribute('data-selected')).toBe('true');
    expect(within(second).getByTestId('decision').textContent).toBe('Reserve list');
    expect(within(first).getByText('Not decided')).toBeDefined();
  });

  it('links each proposal to its panel when it knows the call', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async () => jsonResponse(200, [])),
    );
    renderWithApp(<RankingTable ranking={makeRanking()} selected={new Set()} callId={CALL_ID} />, { me: makeMe() });
    expect(screen.getByRole('link', { name: 'Open the panel of MANGROVE-CR' }).getAttribute('href')).toBe(
      `/manage/calls/${CALL_ID}/review/panels/${PROPOSAL_ID}`,
    );
  });
});

describe('RankingTab', () => {
  it('says in words why a higher-ranked proposal is left out of the funding plan', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        const url = String(input);
        if (url === `/api/calls/${CALL_ID}/ranking`) return jsonResponse(200, makeRanking());
        if (url.startsWith(`/api/calls/${CALL_ID}/funding-plan`)) {
          return jsonResponse(200, {
            optimal: true,
            totalMerit: 4.15,
            selected: [PROPOSAL_ID],
            agencies: [],
            explanations: [
              {
                proposalId: OTHER_PROPOSAL_ID,
                reason: 'exceedsEnvelope',
                exceeded: [{ acronym: 'NRCT', by: '12000.00' }],
              },
            ],
          });
        }
        return jsonResponse(200, []);
      }),
    );
    renderWithApp(<RankingTab call={makeCall({ status: 'IN_REVIEW' })} />, { me: makeMe() });
    const reason = await screen.findByTestId('funding-plan-reason');
    expect(reason.getAttribute('data-reason')).toBe('exceedsEnvelope');
    expect(reason.textContent).toBe('It would exceed an agency’s envelope.');
    expect(screen.getByTestId('funding-plan-explanations').textContent).toContain('RICE-HEAT');
  });
});
