import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { GRANT_ID, MY_GRANT_PARTNER, makeGrant, makeTranche, REPORT_ID, TRANCHE_ID } from '../../test/grants';
import { jsonResponse, makeMe, renderWithApp } from '../../test/render';
import { DisbursementsTab } from './disbursements-tab';

/** Records every request; answers writes with `answer` and reads with the grant. */
function stubApi(answer: (url: string, body: unknown) => Response) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url: String(input), method: init?.method ?? 'GET', body });
      return init?.method && init.method !== 'GET' ? answer(String(input), body) : jsonResponse(200, makeGrant());
    }),
  );
  return calls;
}

describe('DisbursementsTab', () => {
  it('explains why a tranche cannot be paid while a report is overdue, and offers no release', () => {
    stubApi(() => jsonResponse(500, {}));
    const grant = makeGrant({
      reports: [{ ...makeGrant().reports[0]!, overdue: true, dueDate: '2028-01-31' }],
      tranches: [makeTranche()],
    });
    renderWithApp(<DisbursementsTab grant={grant} />, { me: makeMe() });
    expect(screen.getByTestId('tranche-blocker').textContent).toBe(
      'Periodic report 1 (due 2028-01-31) is overdue: no tranche is paid until it is accepted.',
    );
    expect(screen.getByTestId('tranche-release')).toHaveProperty('disabled', true);
  });

  it('waits for the report a tranche is tied to', () => {
    stubApi(() => jsonResponse(500, {}));
    const grant = makeGrant({ tranches: [makeTranche({ condition: 'REPORT', reportId: REPORT_ID })] });
    renderWithApp(<DisbursementsTab grant={grant} />, { me: makeMe() });
    expect(screen.getByTestId('tranche-blocker').textContent).toBe('Waits for the acceptance of Periodic report 1.');
  });

  it('records a payment with its date and reference', async () => {
    const calls = stubApi(() => jsonResponse(200, makeTranche({ status: 'RELEASED', paidOn: '2027-02-01' })));
    const user = userEvent.setup();
    renderWithApp(<DisbursementsTab grant={makeGrant({ tranches: [makeTranche()] })} />, { me: makeMe() });
    await user.click(screen.getByTestId('tranche-release'));
    const form = screen.getByTestId('release-form');
    const date = within(form).getByLabelText('Payment date');
    await user.clear(date);
    await user.type(date, '2027-02-01');
    await user.type(within(form).getByLabelText('Payment reference (optional)'), 'TT-0042');
    await user.click(within(form).getByTestId('release-confirm'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: `/api/grant-tranches/${TRANCHE_ID}/release`,
      method: 'POST',
      body: { paidOn: '2027-02-01', reference: 'TT-0042' },
    });
  });

  it('plans a tranche in the partner currency and shows what is left to plan', async () => {
    const calls = stubApi(() => jsonResponse(201, makeTranche()));
    const user = userEvent.setup();
    const grant = makeGrant({ tranches: [makeTranche({ amount: '10000.00' })] });
    grant.balances.partners[1]!.partnerCurrency = {
      approved: '25000.00',
      released: '0.00',
      planned: '10000.00',
      remaining: '25000.00',
    };
    renderWithApp(<DisbursementsTab grant={grant} />, { me: makeMe() });
    const form = screen.getByTestId('plan-tranche');
    await user.selectOptions(within(form).getByLabelText('Partner'), MY_GRANT_PARTNER);
    // Approved 25,000 − paid 0 − planned 10,000.
    expect(within(form).getByText(/Not yet planned or paid/).textContent).toMatch(
      /^Not yet planned or paid: MYR\s15,000\.00$/,
    );
    await user.type(within(form).getByLabelText('Amount (MYR)'), '5000.50');
    await user.selectOptions(within(form).getByLabelText('Condition'), 'REPORT');
    await user.click(within(form).getByTestId('plan-tranche-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: `/api/grants/${GRANT_ID}/tranches`,
      method: 'POST',
      body: { partnerId: MY_GRANT_PARTNER, amount: '5000.50', condition: 'REPORT', reportId: REPORT_ID },
    });
  });

  it('refuses an amount that is not money before sending anything', async () => {
    const calls = stubApi(() => jsonResponse(201, makeTranche()));
    const user = userEvent.setup();
    renderWithApp(<DisbursementsTab grant={makeGrant()} />, { me: makeMe() });
    const form = screen.getByTestId('plan-tranche');
    await user.type(within(form).getByLabelText(/Amount/), '12.345');
    await user.click(within(form).getByTestId('plan-tranche-submit'));
    expect(within(form).getByRole('alert').textContent).toContain('at most two decimals');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('shows a consortium member the balances and tranches, without payment controls', () => {
    stubApi(() => jsonResponse(500, {}));
    renderWithApp(<DisbursementsTab grant={makeGrant({ myRole: 'PARTNER_PI', tranches: [makeTranche()] })} />, {
      me: makeMe(),
    });
    expect(screen.getAllByTestId('tranche')).toHaveLength(1);
    expect(screen.queryByTestId('tranche-release')).toBeNull();
    expect(screen.queryByTestId('plan-tranche')).toBeNull();
    expect(within(screen.getByTestId('total-balance')).getAllByText('US$47,125.00')).toHaveLength(2);
  });
});
