import { formatMoney, type Grant } from '@kizuna/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { GRANT_ID, JP_GRANT_PARTNER, LEAD_PI_ID, MY_GRANT_PARTNER, makeGrant } from '../../../test/grants';
import { jsonResponse, makeMe, renderWithApp } from '../../../test/render';
import { AmendmentsTab } from './amendments-tab';

const AMENDMENT_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const usd = (amount: string) => formatMoney(amount, 'USD', 'en-GB');

function makeAmendment(overrides: Partial<Grant['amendments'][number]> = {}): Grant['amendments'][number] {
  return {
    id: AMENDMENT_ID,
    number: 1,
    kind: 'NO_COST_EXTENSION',
    status: 'REQUESTED',
    justification: 'Field season lost to floods.',
    request: { kind: 'NO_COST_EXTENSION', endDate: '2029-06-30' },
    changes: null,
    requestedBy: { id: LEAD_PI_ID, displayName: 'Aiko Tanaka' },
    requestedAt: '2027-06-01T01:00:00.000Z',
    decidedAt: null,
    decisionComment: null,
    ...overrides,
  };
}

/** Records every write and answers it with `answer`; GETs (refetches after a change) answer harmlessly. */
function stubApi(answer: () => Response = () => jsonResponse(201, makeAmendment())) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const method = init?.method ?? 'GET';
      if (method === 'GET') return jsonResponse(200, String(input).includes('/auth/me') ? makeMe() : {});
      sent.push({ method, url: String(input), body: JSON.parse(String(init?.body)) });
      return answer();
    }),
  );
  return sent;
}

function renderTab(grant: Grant) {
  return renderWithApp(<AmendmentsTab grant={grant} />, { me: makeMe() });
}

async function openForm(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId('amendment-request'));
  return screen.getByTestId('amendment-request-form');
}

describe('AmendmentsTab', () => {
  it('requests a budget reallocation of the changed lines, showing the call-currency total before and after', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    renderTab(makeGrant({ myRole: 'LEAD_PI' }));
    const form = await openForm(user);
    const totals = within(form).getByTestId('reallocation-totals');
    expect(totals.textContent).toContain(`${usd('47125.00')} now, ${usd('47125.00')} after`);

    // Kyoto gives ¥1,000,000 of personnel (USD 6,700 + 25 % indirect); Malaya's travel grows by MYR 10,000.
    await user.type(within(form).getByLabelText('New amount: Kyoto University (JP), year 1, Personnel'), '4000000');
    await user.type(within(form).getByLabelText('New amount: Universiti Malaya (MY), year 1, Travel'), '30000');
    expect(totals.textContent).toContain(`${usd('47125.00')} now, ${usd('41375.00')} after`);
    await user.type(within(form).getByLabelText('Justification'), 'More fieldwork in Malaysia.');
    await user.click(within(form).getByTestId('amendment-request-submit'));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      url: `/api/grants/${GRANT_ID}/amendments`,
      body: {
        justification: 'More fieldwork in Malaysia.',
        request: {
          kind: 'BUDGET_REALLOCATION',
          lines: [
            { partnerId: JP_GRANT_PARTNER, year: 1, category: 'PERSONNEL', amount: '4000000' },
            { partnerId: MY_GRANT_PARTNER, year: 1, category: 'TRAVEL', amount: '30000' },
          ],
        },
      },
    });
    expect(await screen.findByText(/Amendment 1 requested/)).toBeDefined();
  });

  it('refuses a reallocation that raises the grant’s total, before asking the server', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    renderTab(makeGrant({ myRole: 'LEAD_PI' }));
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('New amount: Universiti Malaya (MY), year 1, Travel'), '30000');
    await user.type(within(form).getByLabelText('Justification'), 'More travel.');
    await user.click(within(form).getByTestId('amendment-request-submit'));
    expect(await within(form).findByText('A reallocation may not raise the grant’s total. Lower other lines.'));
    expect(within(form).getByTestId('reallocation-totals').className).toBe('danger-text');
    expect(sent).toEqual([]);
  });

  it('requests a no-cost extension with the new end date', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    renderTab(makeGrant({ myRole: 'LEAD_PI' }));
    const form = await openForm(user);
    await user.click(within(form).getByLabelText('No-cost extension'));
    await user.type(within(form).getByLabelText('New end date'), '2029-06-30');
    await user.type(within(form).getByLabelText('Justification'), 'Field season lost to floods.');
    await user.click(within(form).getByTestId('amendment-request-submit'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toEqual({
      justification: 'Field season lost to floods.',
      request: { kind: 'NO_COST_EXTENSION', endDate: '2029-06-30' },
    });
  });

  it('requests a partner change: a non-lead partner leaves, its budget goes to no one of another currency', async () => {
    const sent = stubApi();
    const user = userEvent.setup();
    renderTab(makeGrant({ myRole: 'LEAD_PI' }));
    const form = await openForm(user);
    await user.click(within(form).getByLabelText('Partner change'));
    const leaving = within(form).getByLabelText('Partner leaving');
    // The lead partner cannot leave.
    expect(within(leaving).queryByRole('option', { name: /Kyoto/ })).toBeNull();
    await user.selectOptions(leaving, MY_GRANT_PARTNER);
    // Kyoto is paid in JPY, Malaya in MYR: no one can take the budget over.
    expect(within(within(form).getByLabelText('Hand its budget over to')).getAllByRole('option')).toHaveLength(1);
    await user.type(within(form).getByLabelText('Justification'), 'The partner closed its lab.');
    await user.click(within(form).getByTestId('amendment-request-submit'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toEqual({
      justification: 'The partner closed its lab.',
      request: { kind: 'PARTNER_CHANGE', removePartnerId: MY_GRANT_PARTNER, transferTo: null },
    });
  });

  it('offers the request only to the lead PI', () => {
    stubApi();
    renderTab(makeGrant({ myRole: 'PARTNER_PI', amendments: [makeAmendment()] }));
    expect(screen.queryByTestId('amendment-request')).toBeNull();
    expect(screen.queryByTestId('amendment-approve')).toBeNull();
    expect(screen.getByTestId('amendment-status').textContent).toBe('Requested');
  });

  it('lets a manager reject a request only with a comment, and approve one without', async () => {
    const sent = stubApi(() => jsonResponse(200, makeAmendment({ status: 'REJECTED' })));
    const user = userEvent.setup();
    renderTab(makeGrant({ myRole: 'MANAGER', amendments: [makeAmendment()] }));
    expect(screen.queryByTestId('amendment-request')).toBeNull();

    await user.click(screen.getByTestId('amendment-reject'));
    expect(await screen.findByText('This field is required.')).toBeDefined();
    expect(sent).toEqual([]);
    await user.type(screen.getByLabelText('Comment to the consortium'), 'The call does not allow it.');
    await user.click(screen.getByTestId('amendment-reject'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      url: `/api/grant-amendments/${AMENDMENT_ID}/decision`,
      body: { decision: 'REJECT', comment: 'The call does not allow it.' },
    });

    await user.click(screen.getByTestId('amendment-approve'));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.body).toEqual({ decision: 'APPROVE', comment: '' });
  });

  it('shows what an approved reallocation changed, before and after', () => {
    stubApi();
    renderTab(
      makeGrant({
        myRole: 'PARTNER_PI',
        amendments: [
          makeAmendment({
            kind: 'BUDGET_REALLOCATION',
            status: 'APPROVED',
            request: {
              kind: 'BUDGET_REALLOCATION',
              lines: [{ partnerId: JP_GRANT_PARTNER, year: 1, category: 'PERSONNEL', amount: '4000000' }],
            },
            changes: {
              lines: [
                {
                  partnerId: JP_GRANT_PARTNER,
                  year: 1,
                  category: 'PERSONNEL',
                  before: '5000000.00',
                  after: '4000000',
                },
              ],
              grandTotal: { before: '47125.00', after: '38750.00' },
            },
            decidedAt: '2027-06-03T01:00:00.000Z',
            decisionComment: 'Fine.',
          }),
        ],
      }),
    );
    const changes = screen.getByTestId('amendment-changes');
    const cells = within(changes)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      '1',
      'Personnel',
      formatMoney('5000000', 'JPY', 'en-GB'),
      formatMoney('4000000', 'JPY', 'en-GB'),
    ]);
    expect(changes.textContent).toContain(`Grant total: ${usd('47125.00')} → ${usd('38750.00')}`);
    expect(screen.getByTestId('amendment-decided').textContent).toContain('Fine.');
  });
});
