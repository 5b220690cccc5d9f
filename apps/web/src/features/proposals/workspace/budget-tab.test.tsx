import { type BudgetResult, BudgetSummarySchema, computeBudget, formatMoney } from '@kizuna/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Budget } from '../../../api/proposals';
import { COUNTRIES } from '../../../test/calls';
import { JP_PARTNER, MY_PARTNER, makeProposal, PROPOSAL_ID, proposalCall, TH_PARTNER } from '../../../test/proposals';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { budgetInput } from './budget-model';
import { BudgetEditor } from './budget-tab';

const proposal = makeProposal();
const call = proposalCall();
const usd = (amount: string) => formatMoney(amount, 'USD', 'en-GB');

/** What the API sends: computeBudget's result through the contract's schema, as the server does. */
function asServerSends(result: BudgetResult): Budget['summary'] {
  return BudgetSummarySchema.parse(result);
}

function emptyBudget(): Budget {
  return { version: 1, lines: [], summary: asServerSends(computeBudget(budgetInput(proposal, call, []))) };
}

function stubApi(onPut: (body: { version: number; lines: Budget['lines'] }) => Response) {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = String(input);
    if (url === '/api/reference/countries') return jsonResponse(200, COUNTRIES);
    if (init?.method === 'PUT' && url === `/api/proposals/${PROPOSAL_ID}/budget`) {
      return onPut(JSON.parse(String(init.body)));
    }
    throw new Error(`Unexpected ${init?.method ?? 'GET'} ${url}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderBudget(budget = emptyBudget()) {
  return renderWithApp(
    <BudgetEditor proposal={proposal} call={call} budget={budget} editable onReload={async () => undefined} />,
    { me: makeMe() },
  );
}

const cell = (partner: string, year: number, category: string) =>
  screen.getByRole('textbox', { name: `${partner}, year ${year}, ${category}` });

describe('BudgetEditor', () => {
  it('shows live totals computed with computeBudget while typing, in each currency and the call’s', async () => {
    stubApi(() => {
      throw new Error('not saved in this test');
    });
    renderBudget();

    fireEvent.change(cell('Universiti Malaya', 1, 'Personnel'), { target: { value: '100,000.00' } });
    fireEvent.change(cell('Universiti Malaya', 2, 'Travel'), { target: { value: '20000.10' } });
    fireEvent.change(cell('Kyoto University', 1, 'Equipment'), { target: { value: '5000000' } });
    fireEvent.change(cell('Chulalongkorn University', 1, 'Consumables'), { target: { value: '300000.30' } });

    // The same function the server runs, over the same lines.
    const expected = computeBudget(
      budgetInput(proposal, call, [
        { partnerId: MY_PARTNER, year: 1, category: 'PERSONNEL', amount: '100000.00' },
        { partnerId: MY_PARTNER, year: 2, category: 'TRAVEL', amount: '20000.10' },
        { partnerId: JP_PARTNER, year: 1, category: 'EQUIPMENT', amount: '5000000' },
        { partnerId: TH_PARTNER, year: 1, category: 'CONSUMABLES', amount: '300000.30' },
      ]),
    );
    expect(expected.errors).toEqual([]);
    const summary = screen.getByTestId('budget-summary');
    expect(summary.getAttribute('data-source')).toBe('live');
    expect(within(summary).getByTestId('budget-grand-total').textContent).toBe(usd(expected.grandTotal));
    for (const partner of expected.partners) {
      expect(within(summary).getByTestId(`budget-partner-total-${partner.partnerId}`).textContent).toBe(
        usd(partner.callCurrency.total),
      );
    }
    // Indirect costs at the call's 25 %, not on equipment: Kyoto's total is its direct cost.
    const kyoto = screen.getByTestId('budget-partner-figures-JP');
    expect(kyoto.textContent).toContain(formatMoney('5000000', 'JPY', 'en-GB'));
    expect(expected.partners.find((p) => p.partnerId === JP_PARTNER)?.partnerCurrency.indirect).toBe('0');
    expect(screen.getByTestId('budget-state').textContent).toBe('Changes not saved yet');
  });

  it('flags amounts that are not money, or too precise for the currency, and leaves them out', () => {
    stubApi(() => jsonResponse(500, {}));
    renderBudget();
    fireEvent.change(cell('Kyoto University', 1, 'Travel'), { target: { value: '100.5' } });
    fireEvent.change(cell('Universiti Malaya', 1, 'Travel'), { target: { value: 'ten' } });
    expect(cell('Kyoto University', 1, 'Travel').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Too many decimals for JPY')).toBeDefined();
    expect(screen.getByText('Not an amount')).toBeDefined();
    expect(screen.getByTestId('budget-grand-total').textContent).toBe(usd('0'));
    expect((screen.getByRole('button', { name: 'Save budget' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('saves the lines with the version, then shows the server’s totals as the authoritative ones', async () => {
    let sent: { version: number; lines: Budget['lines'] } | undefined;
    // The server's answer, deliberately recognisable: its summary is what must be shown.
    const serverSummary = {
      ...asServerSends(
        computeBudget(
          budgetInput(proposal, call, [{ partnerId: MY_PARTNER, year: 1, category: 'PERSONNEL', amount: '1000.00' }]),
        ),
      ),
      grandTotal: '275.00',
    };
    stubApi((body) => {
      sent = body;
      return jsonResponse(200, {
        version: 2,
        lines: [{ partnerId: MY_PARTNER, year: 1, category: 'PERSONNEL', amount: '1000.00' }],
        summary: serverSummary,
      });
    });
    const user = userEvent.setup();
    renderBudget();
    await user.type(cell('Universiti Malaya', 1, 'Personnel'), '1000');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));

    await waitFor(() => expect(screen.getByTestId('budget-summary').getAttribute('data-source')).toBe('server'));
    expect(sent).toEqual({
      version: 1,
      lines: [{ partnerId: MY_PARTNER, year: 1, category: 'PERSONNEL', amount: '1000' }],
    });
    expect(screen.getByTestId('budget-grand-total').textContent).toBe(usd('275.00'));
    expect(screen.getByText('Budget saved. The totals below are the server’s.')).toBeDefined();
    expect(screen.getByTestId('budget-state').textContent).toBe('Saved (version 2)');
    expect((cell('Universiti Malaya', 1, 'Personnel') as HTMLInputElement).value).toBe('1000.00');
  });

  it('on a 409 keeps the figures and puts them on top of the other person’s budget, dropping nothing of theirs', async () => {
    const bodies: { version: number; lines: Budget['lines'] }[] = [];
    stubApi((body) => {
      bodies.push(body);
      if (bodies.length === 1) {
        return jsonResponse(409, {
          type: 'https://kizuna.dev/problems/conflict',
          title: 'Conflict',
          status: 409,
          code: 'conflict',
          errors: [{ path: 'body.version', code: 'stale_version', message: 'x', params: { current: 4 } }],
        });
      }
      return jsonResponse(200, { version: 5, lines: body.lines, summary: emptyBudget().summary });
    });
    // Meanwhile the Japanese partner saved their equipment.
    const theirs: Budget = {
      version: 4,
      lines: [{ partnerId: JP_PARTNER, year: 1, category: 'EQUIPMENT', amount: '5000000.00' }],
      summary: emptyBudget().summary,
    };
    const user = userEvent.setup();
    renderWithApp(
      <BudgetEditor proposal={proposal} call={call} budget={emptyBudget()} editable onReload={async () => theirs} />,
      { me: makeMe() },
    );
    await user.type(cell('Universiti Malaya', 1, 'Travel'), '500');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    const conflict = await screen.findByTestId('budget-conflict');
    expect(conflict.textContent).toContain('version 4');
    expect((cell('Universiti Malaya', 1, 'Travel') as HTMLInputElement).value).toBe('500');

    await user.click(within(conflict).getByRole('button', { name: 'Put my changes on top of theirs' }));
    expect(await screen.findByTestId('budget-merged')).toBeDefined();
    expect((cell('Kyoto University', 1, 'Equipment') as HTMLInputElement).value).toBe('5000000');
    expect((cell('Universiti Malaya', 1, 'Travel') as HTMLInputElement).value).toBe('500');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({
      version: 4,
      lines: [
        { partnerId: MY_PARTNER, year: 1, category: 'TRAVEL', amount: '500' },
        { partnerId: JP_PARTNER, year: 1, category: 'EQUIPMENT', amount: '5000000' },
      ],
    });
  });
});
