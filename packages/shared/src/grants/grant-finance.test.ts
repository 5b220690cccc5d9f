import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../proposals/decimal.js';
import { financialStatement, fitsCurrency, grantBalances, trancheCallAmount, unallocated } from './grant-finance.js';

describe('trancheCallAmount', () => {
  const base = { rate: '0.028', callCurrency: 'USD', approvedPartner: '375000.38', approvedCall: '10500.01' };

  it('converts at the fixed rate, rounding half-even once', () => {
    expect(trancheCallAmount({ ...base, amount: '100000.00', others: [] })).toBe('2800.00');
    expect(trancheCallAmount({ ...base, amount: '0.18', others: [] })).toBe('0.01');
  });

  it('gives the tranche that completes the partner the rest of its call-currency total', () => {
    // 375,000.20 × 0.028 = 10,500.0056 → 10,500.01 alone; with 0.01 already converted, only 10,500.00 is left.
    const others = [{ amount: '0.18', callAmount: '0.01' }];
    expect(trancheCallAmount({ ...base, amount: '375000.20', others })).toBe('10500.00');
  });

  it('always adds up to the approved totals in both currencies when a partner is paid in full', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 6 }), (cents) => {
        const amounts = cents.map((c) => new Dec(c).dividedBy(100).toFixed(2));
        const total = amounts.reduce((s, a) => s.plus(a), new Dec(0)).toFixed(2);
        const approvedCall = new Dec(total).times('0.028').toFixed(2, Dec.ROUND_HALF_EVEN);
        const others: { amount: string; callAmount: string }[] = [];
        for (const amount of amounts) {
          const callAmount = trancheCallAmount({ ...base, amount, approvedPartner: total, approvedCall, others });
          // Never negative, and the running sum never passes the approved total.
          expect(new Dec(callAmount).isNegative()).toBe(false);
          others.push({ amount, callAmount });
          expect(others.reduce((s, t) => s.plus(t.callAmount), new Dec(0)).lte(approvedCall)).toBe(true);
        }
        expect(others.reduce((s, t) => s.plus(t.callAmount), new Dec(0)).toFixed(2)).toBe(approvedCall);
      }),
      { numRuns: 1000 },
    );
  });

  it('rounds the running total, so small tranches do not each round up (0.18 + 0.18 at 0.028 is 0.01, not 0.02)', () => {
    const first = trancheCallAmount({ ...base, amount: '0.18', others: [] });
    const second = trancheCallAmount({ ...base, amount: '0.18', others: [{ amount: '0.18', callAmount: first }] });
    expect([first, second]).toEqual(['0.01', '0.00']);
  });
});

describe('grant balances', () => {
  it('sums released and planned tranches per partner, agency and in total, exactly', () => {
    const balances = grantBalances({
      callCurrency: 'USD',
      partners: [
        { partnerId: 'my', currency: 'MYR', agencyId: 'mohe', approvedPartner: '150000.12', approvedCall: '33000.03' },
        { partnerId: 'jp', currency: 'JPY', agencyId: 'jst', approvedPartner: '4500000', approvedCall: '30150.00' },
        { partnerId: 'jp2', currency: 'JPY', agencyId: 'jst', approvedPartner: '100', approvedCall: '0.67' },
      ],
      tranches: [
        { partnerId: 'my', amount: '0.10', callAmount: '0.02', status: 'RELEASED' },
        { partnerId: 'my', amount: '0.20', callAmount: '0.04', status: 'RELEASED' },
        { partnerId: 'jp', amount: '1000000', callAmount: '6700.00', status: 'PLANNED' },
      ],
    });
    expect(balances.partners[0]).toEqual({
      partnerId: 'my',
      currency: 'MYR',
      partnerCurrency: { approved: '150000.12', released: '0.30', planned: '0.00', remaining: '149999.82' },
      callCurrency: { approved: '33000.03', released: '0.06', planned: '0.00', remaining: '32999.97' },
    });
    expect(balances.partners[1]?.partnerCurrency).toEqual({
      approved: '4500000',
      released: '0',
      planned: '1000000',
      remaining: '4500000',
    });
    expect(balances.agencies).toEqual([
      {
        agencyId: 'mohe',
        callCurrency: { approved: '33000.03', released: '0.06', planned: '0.00', remaining: '32999.97' },
      },
      {
        agencyId: 'jst',
        callCurrency: { approved: '30150.67', released: '0.00', planned: '6700.00', remaining: '30150.67' },
      },
    ]);
    expect(balances.total).toEqual({
      approved: '63150.70',
      released: '0.06',
      planned: '6700.00',
      remaining: '63150.64',
    });
  });

  it('knows what is left to plan and which amounts fit a currency', () => {
    expect(unallocated('375000.38', [{ amount: '0.18' }, { amount: '375000.20' }], 'THB')).toBe('0.00');
    expect(unallocated('4500000', [{ amount: '1000000' }], 'JPY')).toBe('3500000');
    expect(fitsCurrency('1000.5', 'JPY')).toBe(false);
    expect(fitsCurrency('1000.50', 'USD')).toBe(true);
    expect(fitsCurrency('1000.00', 'JPY')).toBe(true);
  });
});

describe('financialStatement', () => {
  it('sets spending this period and to date against the approved budget, in both currencies', () => {
    const s = financialStatement({
      callCurrency: 'USD',
      partners: [
        { partnerId: 'th', currency: 'THB', rate: '0.028' },
        { partnerId: 'jp', currency: 'JPY', rate: '0.0067' },
      ],
      budget: [
        { partnerId: 'th', category: 'CONSUMABLES', amount: '200000.20' },
        { partnerId: 'th', category: 'CONSUMABLES', amount: '100000.10' },
        { partnerId: 'jp', category: 'EQUIPMENT', amount: '4500000' },
      ],
      thisPeriod: [{ partnerId: 'th', category: 'CONSUMABLES', amount: '100000.15' }],
      earlier: [
        { partnerId: 'th', category: 'CONSUMABLES', amount: '50000.00' },
        { partnerId: 'jp', category: 'TRAVEL', amount: '1000' },
      ],
    });
    expect(s.rows).toEqual([
      {
        partnerId: 'th',
        category: 'CONSUMABLES',
        currency: 'THB',
        approved: { partnerCurrency: '300000.30', callCurrency: '8400.01' },
        spentThisPeriod: { partnerCurrency: '100000.15', callCurrency: '2800.00' },
        spentToDate: { partnerCurrency: '150000.15', callCurrency: '4200.00' },
        remaining: { partnerCurrency: '150000.15', callCurrency: '4200.01' },
      },
      expect.objectContaining({
        partnerId: 'jp',
        category: 'EQUIPMENT',
        remaining: { partnerCurrency: '4500000', callCurrency: '30150.00' },
      }),
      // Spending outside the approved budget shows as a negative remainder.
      expect.objectContaining({
        partnerId: 'jp',
        category: 'TRAVEL',
        remaining: { partnerCurrency: '-1000', callCurrency: '-6.70' },
      }),
    ]);
    expect(s.totals).toEqual({ approved: '38550.01', spentThisPeriod: '2800.00', spentToDate: '4206.70' });
  });
});
