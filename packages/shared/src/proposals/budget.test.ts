import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_CATEGORIES,
  type BudgetCategory,
  type BudgetInput,
  type BudgetLine,
  BudgetLineSchema,
  type BudgetPartner,
  type BudgetResult,
  computeBudget,
  DEFAULT_INDIRECT_EXCLUDED_CATEGORIES,
} from './budget.js';

// ---------------------------------------------------------------------------------------------------------------------
// An independent oracle: exact arithmetic on BigInt minor units, sharing no code with the module under test.

/** "12.5" at scale 2 → 1250n. */
function units(text: string, scale: number): bigint {
  const [int = '0', frac = ''] = text.split('.');
  if (frac.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  return BigInt(int + frac.padEnd(scale, '0'));
}

/** n / d rounded HALF_EVEN, n ≥ 0. */
function divHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * r > d) return q + 1n;
  if (2n * r === d) return q + (q % 2n);
  return q;
}

const sumUnits = (values: readonly string[], scale: number) => values.reduce((s, v) => s + units(v, scale), 0n);

const MY = '11111111-1111-4111-8111-111111111111';
const JP = '22222222-2222-4222-8222-222222222222';
const TH = '33333333-3333-4333-8333-333333333333';
const VN = '44444444-4444-4444-8444-444444444444';
const AGENCY_MY = 'aaaaaaaa-0000-4000-8000-00000000000a';
const AGENCY_JP = 'aaaaaaaa-0000-4000-8000-00000000000b';
const AGENCY_TH = 'aaaaaaaa-0000-4000-8000-00000000000c';

const partners: BudgetPartner[] = [
  { id: MY, currency: 'MYR', agencyId: AGENCY_MY, countryCode: 'MY' },
  { id: JP, currency: 'JPY', agencyId: AGENCY_JP, countryCode: 'JP' },
  { id: TH, currency: 'THB', agencyId: AGENCY_TH, countryCode: 'TH' },
];

const line = (partnerId: string, year: number, category: BudgetCategory, amount: string): BudgetLine => ({
  partnerId,
  year,
  category,
  amount,
});

const lines: BudgetLine[] = [
  line(MY, 1, 'PERSONNEL', '120000.00'),
  line(MY, 1, 'EQUIPMENT', '45000.50'),
  line(MY, 2, 'PERSONNEL', '125000.00'),
  line(MY, 2, 'TRAVEL', '8000.25'),
  line(JP, 1, 'PERSONNEL', '9000000'),
  line(JP, 1, 'CONSUMABLES', '1250000'),
  line(JP, 2, 'SUBCONTRACTING', '3000000'),
  line(JP, 2, 'TRAVEL', '777777'),
  line(TH, 1, 'PERSONNEL', '850000.00'),
  line(TH, 1, 'OTHER_DIRECT', '33333.33'),
  line(TH, 2, 'EQUIPMENT', '120000.00'),
  line(TH, 2, 'CONSUMABLES', '45678.91'),
];

const input: BudgetInput = {
  lines,
  partners,
  callCurrency: 'USD',
  // USD per 1 unit of the partner currency
  rates: { MYR: '0.2125', JPY: '0.0066', THB: '0.0285' },
  indirectRate: '0.25',
};

describe('computeBudget on a Malaysia–Japan–Thailand consortium, in USD', () => {
  const budget = computeBudget(input);

  it('has no errors and the lines are valid', () => {
    expect(budget.errors).toEqual([]);
    for (const l of lines) expect(BudgetLineSchema.safeParse(l).success).toBe(true);
  });

  it('gives each partner direct, indirect and total in its currency and in USD (hand-computed)', () => {
    // MY (MYR): direct 120000 + 45000.50 + 125000 + 8000.25 = 298000.75; base without EQUIPMENT 253000.25;
    //   indirect 0.25 × 253000.25 = 63250.0625 → 63250.06 MYR; total 361250.81 MYR.
    //   USD: direct 298000.75 × 0.2125 = 63325.159375 → 63325.16;
    //        total (298000.75 + 63250.0625) × 0.2125 = 76765.79765625 → 76765.80; indirect 76765.80 − 63325.16.
    // JP (JPY, 0 decimals): direct 14027777; base without SUBCONTRACTING 11027777; indirect 2756944.25 → 2756944 JPY;
    //   USD: direct 92583.3282 → 92583.33; total 16784721.25 × 0.0066 = 110779.16025 → 110779.16.
    // TH (THB): direct 1049012.24; base without EQUIPMENT 929012.24; indirect 232253.06; total 1281265.30 THB;
    //   USD: direct 29896.84884 → 29896.85; total 36516.06105 → 36516.06.
    expect(budget.partners).toEqual([
      {
        partnerId: MY,
        currency: 'MYR',
        agencyId: AGENCY_MY,
        countryCode: 'MY',
        rate: '0.2125',
        partnerCurrency: { direct: '298000.75', indirect: '63250.06', total: '361250.81' },
        callCurrency: { direct: '63325.16', indirect: '13440.64', total: '76765.80' },
      },
      {
        partnerId: JP,
        currency: 'JPY',
        agencyId: AGENCY_JP,
        countryCode: 'JP',
        rate: '0.0066',
        partnerCurrency: { direct: '14027777', indirect: '2756944', total: '16784721' },
        callCurrency: { direct: '92583.33', indirect: '18195.83', total: '110779.16' },
      },
      {
        partnerId: TH,
        currency: 'THB',
        agencyId: AGENCY_TH,
        countryCode: 'TH',
        rate: '0.0285',
        partnerCurrency: { direct: '1049012.24', indirect: '232253.06', total: '1281265.30' },
        callCurrency: { direct: '29896.85', indirect: '6619.21', total: '36516.06' },
      },
    ]);
  });

  it('makes the grand total the sum of the rounded partner totals', () => {
    // 76765.80 + 110779.16 + 36516.06; the exact grand total 224061.01895625 rounds to the same here.
    expect(budget.grandTotal).toBe('224061.02');
    expect(budget.callCurrency).toBe('USD');
  });

  it('totals per year, apportioned to add up to the grand total', () => {
    // Year 1 exact: MY 195000.50 × 0.2125 + JP 12812500 × 0.0066 + TH 1104166.6625 × 0.0285 = 157468.85613125
    // Year 2 exact: MY 166250.3125 × 0.2125 + JP 3972221.25 × 0.0066 + TH 177098.6375 × 0.0285 = 66592.162825
    // Floors 157468.85 + 66592.16 = 224061.01; one cent left → the larger remainder (year 1).
    expect(budget.byYear).toEqual([
      { year: 1, total: '157468.86' },
      { year: 2, total: '66592.16' },
    ]);
  });

  it('totals per category with indirect costs as their own bucket', () => {
    // Exact: PERSONNEL 52062.5 + 59400 + 24225 = 135687.5; EQUIPMENT 9562.60625 + 3420 = 12982.60625;
    // CONSUMABLES 8250 + 1301.848935 = 9551.848935; TRAVEL 1700.053125 + 5133.3282 = 6833.381325;
    // SUBCONTRACTING 19800; OTHER_DIRECT 949.999905; INDIRECT 13440.63828125 + 18195.83205 + 6619.21221 = 38255.68254125.
    // Floors add up to 224060.99: the 3 cents left go to OTHER_DIRECT, CONSUMABLES, EQUIPMENT (largest remainders).
    expect(budget.byCategory).toEqual([
      { category: 'PERSONNEL', total: '135687.50' },
      { category: 'EQUIPMENT', total: '12982.61' },
      { category: 'CONSUMABLES', total: '9551.85' },
      { category: 'TRAVEL', total: '6833.38' },
      { category: 'SUBCONTRACTING', total: '19800.00' },
      { category: 'OTHER_DIRECT', total: '950.00' },
      { category: 'INDIRECT', total: '38255.68' },
    ]);
  });

  it('totals per agency from the partner totals', () => {
    expect(budget.byAgency).toEqual([
      { agencyId: AGENCY_MY, total: '76765.80' },
      { agencyId: AGENCY_JP, total: '110779.16' },
      { agencyId: AGENCY_TH, total: '36516.06' },
    ]);
  });

  it('reports the rules it applied', () => {
    expect(budget.indirectRate).toBe('0.25');
    expect(budget.indirectExcludedCategories).toEqual(['EQUIPMENT', 'SUBCONTRACTING']);
    expect(DEFAULT_INDIRECT_EXCLUDED_CATEGORIES).toEqual(['EQUIPMENT', 'SUBCONTRACTING']);
  });
});

describe('computeBudget options and edge cases', () => {
  it('charges indirect costs on the categories the call says', () => {
    const budget = computeBudget({
      ...input,
      lines: [line(MY, 1, 'EQUIPMENT', '1000.00'), line(MY, 1, 'TRAVEL', '100.00')],
      indirectExcludedCategories: [],
    });
    expect(budget.partners[0]?.partnerCurrency).toEqual({ direct: '1100.00', indirect: '275.00', total: '1375.00' });
    const travelOnly = computeBudget({
      ...input,
      lines: [line(MY, 1, 'EQUIPMENT', '1000.00'), line(MY, 1, 'TRAVEL', '100.00')],
      indirectExcludedCategories: ['EQUIPMENT', 'TRAVEL'],
    });
    expect(travelOnly.partners[0]?.partnerCurrency.indirect).toBe('0.00');
  });

  it('rounds call-currency figures to 0 decimals when the call is in JPY', () => {
    const budget = computeBudget({
      lines: [line(MY, 1, 'PERSONNEL', '100.00'), line(TH, 1, 'PERSONNEL', '100.00')],
      partners,
      callCurrency: 'JPY',
      rates: { MYR: '33.5', THB: '4.25' },
      indirectRate: '0',
    });
    expect(budget.errors).toEqual([]);
    expect(budget.partners.map((p) => p.callCurrency.total)).toEqual(['3350', '0', '425']);
    expect(budget.partners[1]?.rate).toBe('1');
    expect(budget.grandTotal).toBe('3775');
    expect(budget.byYear).toEqual([{ year: 1, total: '3775' }]);
  });

  it('sums 0.1 + 0.2 exactly', () => {
    const usd: BudgetPartner = { id: VN, currency: 'USD', agencyId: null, countryCode: 'TL' };
    const budget = computeBudget({
      lines: [line(VN, 1, 'TRAVEL', '0.1'), line(VN, 1, 'TRAVEL', '0.2')],
      partners: [usd],
      callCurrency: 'USD',
      rates: {},
      indirectRate: '0',
    });
    expect(budget.grandTotal).toBe('0.30');
    expect(budget.byAgency).toEqual([{ agencyId: null, total: '0.30' }]);
    const many = computeBudget({
      lines: Array.from({ length: 30 }, () => line(VN, 1, 'TRAVEL', '0.10')),
      partners: [usd],
      callCurrency: 'USD',
      rates: {},
      indirectRate: '0.1',
    });
    expect(many.grandTotal).toBe('3.30');
  });

  it('keeps the breakdowns adding up when every partner total rounds the same way', () => {
    // 1.00 MYR at 0.005 = 0.005 USD, HALF_EVEN → 0.00 for each of four partners: the grand total is 0.00 although the
    // exact total is 0.02; the year and category figures follow the authoritative partner totals.
    const four = [MY, JP, TH, VN].map((id) => ({ id, currency: 'MYR', agencyId: null, countryCode: 'MY' }));
    const down = computeBudget({
      lines: four.map((p) => line(p.id, 1, 'PERSONNEL', '1.00')),
      partners: four,
      callCurrency: 'USD',
      rates: { MYR: '0.005' },
      indirectRate: '0',
    });
    expect(down.grandTotal).toBe('0.00');
    expect(down.byYear).toEqual([{ year: 1, total: '0.00' }]);
    expect(down.byCategory.find((c) => c.category === 'PERSONNEL')?.total).toBe('0.00');
    // 1.00 MYR at 0.015 = 0.015 → 0.02 each: 0.08 although exact 0.06.
    const up = computeBudget({
      lines: four.map((p) => line(p.id, 1, 'PERSONNEL', '1.00')),
      partners: four,
      callCurrency: 'USD',
      rates: { MYR: '0.015' },
      indirectRate: '0',
    });
    expect(up.grandTotal).toBe('0.08');
    expect(up.byYear).toEqual([{ year: 1, total: '0.08' }]);
  });

  it('reports bad lines instead of throwing, and leaves them out of every total', () => {
    const stranger = '99999999-9999-4999-8999-999999999999';
    const ph: BudgetPartner = { id: VN, currency: 'PHP', agencyId: null, countryCode: 'PH' };
    const bad = [
      line(stranger, 1, 'TRAVEL', '10.00'),
      line(VN, 1, 'TRAVEL', '10.00'),
      line(MY, 1, 'TRAVEL', '1e3'),
      line(JP, 1, 'TRAVEL', '100.5'),
      line(MY, 11, 'TRAVEL', '1.00'),
      line(MY, 1, 'CATERING' as BudgetCategory, '1.00'),
      line(MY, 1, 'TRAVEL', '10.00'),
    ];
    let budget: BudgetResult | undefined;
    expect(() => {
      budget = computeBudget({
        lines: bad,
        partners: [...partners, ph, { ...partners[0]!, currency: 'SGD' }],
        callCurrency: 'USD',
        rates: { MYR: '0.2125', JPY: '0.0066', THB: 'abc' },
        indirectRate: 'a quarter',
      });
    }).not.toThrow();
    expect(budget?.errors).toEqual([
      { code: 'budget.invalid_indirect_rate', lineIndex: null, partnerId: null, params: { indirectRate: 'a quarter' } },
      { code: 'budget.duplicate_partner', lineIndex: null, partnerId: MY, params: {} },
      { code: 'budget.unknown_partner', lineIndex: 0, partnerId: stranger, params: {} },
      { code: 'budget.missing_rate', lineIndex: 1, partnerId: VN, params: { currency: 'PHP' } },
      { code: 'budget.invalid_amount', lineIndex: 2, partnerId: MY, params: { amount: '1e3' } },
      {
        code: 'budget.amount_precision',
        lineIndex: 3,
        partnerId: JP,
        params: { amount: '100.5', currency: 'JPY', decimals: 0 },
      },
      { code: 'budget.invalid_year', lineIndex: 4, partnerId: MY, params: { year: '11', max: 10 } },
      { code: 'budget.invalid_category', lineIndex: 5, partnerId: MY, params: { category: 'CATERING' } },
    ]);
    expect(budget?.indirectRate).toBe('0');
    expect(budget?.partners.map((p) => [p.partnerId, p.rate, p.callCurrency.total])).toEqual([
      [MY, '0.2125', '2.12'], // only the last line counts: 10.00 × 0.2125 = 2.125 → HALF_EVEN 2.12
      [JP, '0.0066', '0.00'],
      [TH, null, '0.00'],
      [VN, null, '0.00'],
    ]);
  });

  it('reports an invalid rate on each line of the partner concerned', () => {
    const budget = computeBudget({ ...input, rates: { ...input.rates, THB: '-0.0285' } });
    const invalid = budget.errors.filter((e) => e.code === 'budget.invalid_rate');
    expect(invalid.map((e) => e.lineIndex)).toEqual([8, 9, 10, 11]);
    expect(invalid[0]?.params).toEqual({ currency: 'THB', rate: '-0.0285' });
    expect(budget.partners[2]).toMatchObject({ rate: null, callCurrency: { total: '0.00' } });
    expect(budget.grandTotal).toBe('187544.96'); // 76765.80 + 110779.16, Thailand left out
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Properties

const DIGITS: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, MYR: 2, THB: 2, IDR: 2, VND: 0 };
const PARTNER_CURRENCIES = ['USD', 'JPY', 'MYR', 'THB', 'IDR', 'VND'];
const AGENCIES = [AGENCY_MY, AGENCY_JP, AGENCY_TH, null];

const fixed = (value: bigint, scale: number) => {
  if (scale === 0) return value.toString();
  const text = value.toString().padStart(scale + 1, '0');
  return `${text.slice(0, -scale)}.${text.slice(-scale)}`;
};

const budgetInputs = fc
  .record({
    callCurrency: fc.constantFrom('USD', 'JPY', 'EUR'),
    partners: fc.uniqueArray(
      fc.record({
        id: fc.uuid(),
        currency: fc.constantFrom(...PARTNER_CURRENCIES),
        agencyId: fc.constantFrom(...AGENCIES),
      }),
      { minLength: 1, maxLength: 5, selector: (p) => p.id },
    ),
    rates: fc.record(
      Object.fromEntries(
        PARTNER_CURRENCIES.map((c) => [c, fc.bigInt({ min: 1n, max: 10n ** 14n }).map((r) => fixed(r, 10))]),
      ),
    ),
    indirect: fc.bigInt({ min: 0n, max: 10_000n }).map((r) => fixed(r, 4)),
    excluded: fc.subarray([...BUDGET_CATEGORIES]),
    rawLines: fc.array(
      fc.record({
        partner: fc.nat(),
        year: fc.integer({ min: 1, max: 10 }),
        category: fc.constantFrom(...BUDGET_CATEGORIES),
        minor: fc.oneof(fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 10n ** 14n })),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ callCurrency, partners, rates, indirect, excluded, rawLines }) => {
    const budgetPartners: BudgetPartner[] = partners.map((p) => ({ ...p, countryCode: 'MY' }));
    const budgetLines: BudgetLine[] = rawLines.map((l) => {
      const partner = budgetPartners[l.partner % budgetPartners.length]!;
      return {
        partnerId: partner.id,
        year: l.year,
        category: l.category,
        amount: fixed(l.minor, DIGITS[partner.currency]!),
      };
    });
    return {
      lines: budgetLines,
      partners: budgetPartners,
      callCurrency,
      rates,
      indirectRate: indirect,
      indirectExcludedCategories: excluded,
    } satisfies BudgetInput;
  });

/** The oracle's exact call-currency value of a set of lines of one partner, at scale 2 + 4 + 10 = 16. */
const EXACT_SCALE = 16;
function exactCall(input: BudgetInput, partner: BudgetPartner, partnerLines: readonly BudgetLine[]): bigint {
  const rate = partner.currency === input.callCurrency ? 10n ** 10n : units(input.rates[partner.currency]!, 10);
  const excluded = new Set(input.indirectExcludedCategories);
  const direct = sumUnits(
    partnerLines.map((l) => l.amount),
    2,
  );
  const base = sumUnits(
    partnerLines.filter((l) => !excluded.has(l.category)).map((l) => l.amount),
    2,
  );
  const indirect = base * units(input.indirectRate, 4);
  return (direct * 10n ** 4n + indirect) * rate;
}

describe('computeBudget properties', () => {
  it('adds up exactly: partners, years, categories and agencies all sum to the grand total', () => {
    fc.assert(
      fc.property(budgetInputs, (input) => {
        const budget = computeBudget(input);
        expect(budget.errors).toEqual([]);
        const d = DIGITS[input.callCurrency]!;
        const grand = units(budget.grandTotal, d);
        expect(
          sumUnits(
            budget.partners.map((p) => p.callCurrency.total),
            d,
          ),
        ).toBe(grand);
        expect(
          sumUnits(
            budget.byYear.map((y) => y.total),
            d,
          ),
        ).toBe(grand);
        expect(
          sumUnits(
            budget.byCategory.map((c) => c.total),
            d,
          ),
        ).toBe(grand);
        expect(
          sumUnits(
            budget.byAgency.map((a) => a.total),
            d,
          ),
        ).toBe(grand);
        for (const p of budget.partners) {
          const pd = DIGITS[p.currency]!;
          expect(units(p.callCurrency.direct, d) + units(p.callCurrency.indirect, d)).toBe(
            units(p.callCurrency.total, d),
          );
          expect(units(p.partnerCurrency.direct, pd) + units(p.partnerCurrency.indirect, pd)).toBe(
            units(p.partnerCurrency.total, pd),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches an independent BigInt computation of every partner total and of the grand total', () => {
    fc.assert(
      fc.property(budgetInputs, (input) => {
        const budget = computeBudget(input);
        const d = DIGITS[input.callCurrency]!;
        let grand = 0n;
        let exactGrand = 0n;
        input.partners.forEach((partner, i) => {
          const own = input.lines.filter((l) => l.partnerId === partner.id);
          const exact = exactCall(input, partner, own);
          const total = divHalfEven(exact, 10n ** BigInt(EXACT_SCALE - d));
          expect(budget.partners[i]?.callCurrency.total).toBe(fixed(total, d));
          grand += total;
          exactGrand += exact;
        });
        expect(budget.grandTotal).toBe(fixed(grand, d));

        // Each apportioned year is within |grand − exact grand| + 1 minor unit of its exact value.
        const slack = grand * 10n ** BigInt(EXACT_SCALE - d) - exactGrand;
        const bound = (slack < 0n ? -slack : slack) + 10n ** BigInt(EXACT_SCALE - d);
        for (const { year, total } of budget.byYear) {
          const exactYear = input.partners.reduce(
            (sum, p) =>
              sum +
              exactCall(
                input,
                p,
                input.lines.filter((l) => l.partnerId === p.id && l.year === year),
              ),
            0n,
          );
          const diff = units(total, d) * 10n ** BigInt(EXACT_SCALE - d) - exactYear;
          expect(diff < 0n ? -diff : diff).toBeLessThan(bound);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sums cents exactly, with no binary floating point anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 17n - 1n }), { maxLength: 50 }), (cents) => {
        const budget = computeBudget({
          lines: cents.map((c, i) => line(VN, (i % 10) + 1, BUDGET_CATEGORIES[i % 6]!, fixed(c, 2))),
          partners: [{ id: VN, currency: 'USD', agencyId: null, countryCode: 'VN' }],
          callCurrency: 'USD',
          rates: {},
          indirectRate: '0',
        });
        expect(budget.grandTotal).toBe(
          fixed(
            cents.reduce((s, c) => s + c, 0n),
            2,
          ),
        );
      }),
    );
  });
});
