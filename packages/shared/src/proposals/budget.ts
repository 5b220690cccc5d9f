import { z } from 'zod';
import { Dec, ROUND_FLOOR, ROUND_HALF_EVEN } from './decimal.js';
import { CurrencySchema, isMoney, isRate, MoneySchema, minorUnits } from './money.js';

/*
 * Budget of a proposal: lines per partner × year × category, each in the partner's currency, converted to the call
 * currency at the call's fixed rates. Pure and exact: decimal.js only, never a binary float, no I/O; runs in Node (the
 * check at submission) and in browsers (the live checklist).
 *
 * ROUNDING — the rules, and which figure is authoritative
 *  1. Every line, sum, indirect cost and conversion is computed exactly (no rounding at all in between).
 *  2. Reported figures are rounded once, HALF_EVEN (banker's rounding), to the minor units of their currency (2 for
 *     USD, 0 for JPY) — at the end of each total, never per line.
 *  3. AUTHORITATIVE: each partner's total in the call currency, round(exact partner total × rate). These are what the
 *     caps are checked against and what each agency funds.
 *  4. The grand total is the SUM OF THE ROUNDED PARTNER TOTALS (so it can differ by a few minor units from rounding the
 *     exact grand total once). Per-agency totals are sums of rounded partner totals too, so they add up by construction.
 *  5. Per-year and per-category figures cut across partners, so rounding each on its own would not add up to the grand
 *     total. They are APPORTIONED: the grand total is shared out by the largest-remainder method over their exact values
 *     (floor each, then hand the remaining minor units to the largest fractional parts; ties to the earlier bucket). In
 *     practice each differs from its exact value by less than one minor unit. Indirect costs form their own bucket
 *     ('INDIRECT') in the per-category breakdown and are spread over years with the direct costs they are charged on.
 *  6. In a partner row, direct is rounded on its own and indirect = total − direct, so direct + indirect = total in both
 *     currencies. The partner-currency indirect is round(exact indirect) and its total is direct + indirect.
 * Hence, exactly: Σ partners.callCurrency.total = Σ byYear = Σ byCategory = Σ byAgency = grandTotal.
 *
 * Bad data never throws: a line that cannot be counted (unknown partner, no usable rate, malformed amount, year or
 * category, or more decimals than the partner currency has) is reported in `errors` and left out of every total.
 */

export const BUDGET_CATEGORIES = [
  'PERSONNEL',
  'EQUIPMENT',
  'CONSUMABLES',
  'TRAVEL',
  'SUBCONTRACTING',
  'OTHER_DIRECT',
] as const;
export const BudgetCategorySchema = z.enum(BUDGET_CATEGORIES);
export type BudgetCategory = z.infer<typeof BudgetCategorySchema>;

/** The per-category bucket that holds indirect costs in {@link BudgetResult.byCategory}. */
export const INDIRECT_CATEGORY = 'INDIRECT';
export type BudgetReportCategory = BudgetCategory | typeof INDIRECT_CATEGORY;

/**
 * Categories that are NOT part of the base indirect costs are charged on, unless the call says otherwise: equipment
 * and subcontracting (the usual flat-rate rule — overheads are not charged on a subcontractor's invoice or on a
 * capital purchase).
 */
export const DEFAULT_INDIRECT_EXCLUDED_CATEGORIES: readonly BudgetCategory[] = Object.freeze([
  'EQUIPMENT',
  'SUBCONTRACTING',
]);

export const BUDGET_MAX_YEARS = 10;

/** One budget line; `amount` is in the partner's currency. */
export const BudgetLineSchema = z.object({
  partnerId: z.uuid(),
  year: z.number().int().min(1).max(BUDGET_MAX_YEARS),
  category: BudgetCategorySchema,
  amount: MoneySchema,
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

export const BudgetPartnerSchema = z.object({
  id: z.uuid(),
  currency: CurrencySchema,
  agencyId: z.uuid().nullable(),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
});
export type BudgetPartner = z.infer<typeof BudgetPartnerSchema>;

/** Non-negative fraction applied to the direct costs, e.g. "0.25"; at most 3 integer digits and 10 decimals. */
export const INDIRECT_RATE_PATTERN = /^(?:0|[1-9]\d{0,2})(?:\.\d{1,10})?$/;
export const IndirectRateSchema = z.string().regex(INDIRECT_RATE_PATTERN, 'a fraction like 0.25');

export interface BudgetInput {
  lines: readonly BudgetLine[];
  partners: readonly BudgetPartner[];
  /** ISO 4217 code of the call currency; every call-currency figure is rounded to its minor units. */
  callCurrency: string;
  /** Units of the call currency per 1 unit of each partner currency. The call currency itself has rate 1 implicitly
   * (an entry for it is ignored). */
  rates: Readonly<Record<string, string>>;
  /** Fraction of the eligible direct costs, e.g. "0.25". A malformed rate is reported and counts as 0. */
  indirectRate: string;
  /** Categories left out of the indirect-cost base; defaults to {@link DEFAULT_INDIRECT_EXCLUDED_CATEGORIES}. */
  indirectExcludedCategories?: readonly BudgetCategory[];
}

/** direct + indirect = total, exactly. */
export interface BudgetFigures {
  direct: string;
  indirect: string;
  total: string;
}

export interface PartnerBudget {
  partnerId: string;
  currency: string;
  agencyId: string | null;
  countryCode: string;
  /** The rate applied ("1" for the call currency), or null when the partner's currency has no usable rate (its lines
   * are then reported in `errors` and all its figures are zero). */
  rate: string | null;
  /** In the partner's currency, rounded to its minor units. */
  partnerCurrency: BudgetFigures;
  /** In the call currency; `total` is the authoritative figure of the budget. */
  callCurrency: BudgetFigures;
}

export const BUDGET_ERROR_CODES = [
  'budget.unknown_partner',
  'budget.duplicate_partner',
  'budget.missing_rate',
  'budget.invalid_rate',
  'budget.invalid_amount',
  'budget.amount_precision',
  'budget.invalid_year',
  'budget.invalid_category',
  'budget.invalid_indirect_rate',
] as const;
export type BudgetErrorCode = (typeof BUDGET_ERROR_CODES)[number];

export interface BudgetError {
  /** Stable, for i18n. */
  code: BudgetErrorCode;
  /** Index of the offending line in `lines`, or null for an error that is not about one line. */
  lineIndex: number | null;
  partnerId: string | null;
  params: Record<string, string | number>;
}

export interface BudgetResult {
  callCurrency: string;
  /** The indirect rate applied ("0" when the given one was malformed). */
  indirectRate: string;
  indirectExcludedCategories: BudgetCategory[];
  /** Every partner of the input, in input order (first of duplicated ids only), zero when it has no counted line. */
  partners: PartnerBudget[];
  /** Call currency, apportioned (see the rounding notes); years with at least one counted line, ascending. */
  byYear: { year: number; total: string }[];
  /** Call currency, apportioned; the six categories in {@link BUDGET_CATEGORIES} order, then 'INDIRECT'. */
  byCategory: { category: BudgetReportCategory; total: string }[];
  /** Call currency: sums of the partners' rounded totals, by agency (null: partners without an agency), in order of
   * first appearance among the partners. */
  byAgency: { agencyId: string | null; total: string }[];
  /** Call currency: the sum of the partners' rounded call-currency totals. */
  grandTotal: string;
  errors: BudgetError[];
}

const ZERO = new Dec(0);

interface PartnerAccumulator {
  partner: BudgetPartner;
  rate: Dec | null;
  /** year → category → exact amount in the partner currency */
  cells: Map<number, Map<BudgetCategory, Dec>>;
}

/** Computes every total of a budget exactly; never throws on bad data (see `errors`). */
export function computeBudget(input: BudgetInput): BudgetResult {
  const errors: BudgetError[] = [];
  const callCurrency = input.callCurrency;
  const callDigits = minorUnits(callCurrency);
  const excluded = new Set<BudgetCategory>(input.indirectExcludedCategories ?? DEFAULT_INDIRECT_EXCLUDED_CATEGORIES);

  let indirectRate = ZERO;
  if (typeof input.indirectRate === 'string' && INDIRECT_RATE_PATTERN.test(input.indirectRate)) {
    indirectRate = new Dec(input.indirectRate);
  } else {
    errors.push({
      code: 'budget.invalid_indirect_rate',
      lineIndex: null,
      partnerId: null,
      params: { indirectRate: String(input.indirectRate) },
    });
  }

  // Partners, in input order, with their rate.
  const accumulators = new Map<string, PartnerAccumulator>();
  const rateProblems = new Map<string, { code: 'budget.missing_rate' | 'budget.invalid_rate'; rate: string | null }>();
  for (const partner of input.partners) {
    if (accumulators.has(partner.id)) {
      errors.push({ code: 'budget.duplicate_partner', lineIndex: null, partnerId: partner.id, params: {} });
      continue;
    }
    let rate: Dec | null = null;
    if (partner.currency === callCurrency) {
      rate = new Dec(1);
    } else if (Object.hasOwn(input.rates, partner.currency)) {
      const given = input.rates[partner.currency];
      if (isRate(given)) rate = new Dec(given);
      else rateProblems.set(partner.id, { code: 'budget.invalid_rate', rate: String(given) });
    } else {
      rateProblems.set(partner.id, { code: 'budget.missing_rate', rate: null });
    }
    accumulators.set(partner.id, { partner, rate, cells: new Map() });
  }

  // Lines: validate, then add to their partner × year × category cell.
  input.lines.forEach((line, lineIndex) => {
    const acc = accumulators.get(line.partnerId);
    const problem = acc ? lineProblem(line, acc.partner.currency, rateProblems.get(line.partnerId)) : null;
    if (!acc || problem) {
      const { code, params } = problem ?? { code: 'budget.unknown_partner' as const, params: {} };
      errors.push({ code, lineIndex, partnerId: typeof line.partnerId === 'string' ? line.partnerId : null, params });
      return;
    }
    let year = acc.cells.get(line.year);
    if (!year) {
      year = new Map();
      acc.cells.set(line.year, year);
    }
    year.set(line.category, (year.get(line.category) ?? ZERO).plus(new Dec(line.amount)));
  });

  // Exact call-currency values of the cross-partner buckets, for apportioning.
  const yearExact = new Map<number, Dec>();
  const categoryExact = new Map<BudgetReportCategory, Dec>(
    [...BUDGET_CATEGORIES, INDIRECT_CATEGORY].map((c) => [c as BudgetReportCategory, ZERO]),
  );
  const addTo = <K>(map: Map<K, Dec>, key: K, value: Dec) => map.set(key, (map.get(key) ?? ZERO).plus(value));

  const partners: PartnerBudget[] = [];
  const agencyTotals = new Map<string | null, Dec>();
  let grandTotal = ZERO;

  for (const { partner, rate, cells } of accumulators.values()) {
    const partnerDigits = minorUnits(partner.currency);
    const callRate = rate ?? ZERO;
    let direct = ZERO;
    let indirect = ZERO;
    for (const [year, categories] of cells) {
      let yearDirect = ZERO;
      let base = ZERO;
      for (const [category, amount] of categories) {
        yearDirect = yearDirect.plus(amount);
        if (!excluded.has(category)) base = base.plus(amount);
        addTo(categoryExact, category, amount.times(callRate));
      }
      const yearIndirect = base.times(indirectRate);
      addTo(categoryExact, INDIRECT_CATEGORY, yearIndirect.times(callRate));
      addTo(yearExact, year, yearDirect.plus(yearIndirect).times(callRate));
      direct = direct.plus(yearDirect);
      indirect = indirect.plus(yearIndirect);
    }

    const partnerDirect = direct.toDecimalPlaces(partnerDigits, ROUND_HALF_EVEN); // exact: lines fit the currency
    const partnerIndirect = indirect.toDecimalPlaces(partnerDigits, ROUND_HALF_EVEN);
    const callDirect = direct.times(callRate).toDecimalPlaces(callDigits, ROUND_HALF_EVEN);
    const callTotal = direct.plus(indirect).times(callRate).toDecimalPlaces(callDigits, ROUND_HALF_EVEN);

    grandTotal = grandTotal.plus(callTotal);
    addTo(agencyTotals, partner.agencyId, callTotal);
    partners.push({
      partnerId: partner.id,
      currency: partner.currency,
      agencyId: partner.agencyId,
      countryCode: partner.countryCode,
      rate: rate === null ? null : rate.toFixed(),
      partnerCurrency: {
        direct: partnerDirect.toFixed(partnerDigits),
        indirect: partnerIndirect.toFixed(partnerDigits),
        total: partnerDirect.plus(partnerIndirect).toFixed(partnerDigits),
      },
      callCurrency: {
        direct: callDirect.toFixed(callDigits),
        indirect: callTotal.minus(callDirect).toFixed(callDigits),
        total: callTotal.toFixed(callDigits),
      },
    });
  }

  const years = [...yearExact.keys()].sort((a, b) => a - b);
  const yearShares = apportion(
    grandTotal,
    years.map((y) => yearExact.get(y) as Dec),
    callDigits,
  );
  const categoryKeys = [...categoryExact.keys()];
  const categoryShares = apportion(
    grandTotal,
    categoryKeys.map((c) => categoryExact.get(c) as Dec),
    callDigits,
  );

  return {
    callCurrency,
    indirectRate: indirectRate.toFixed(),
    indirectExcludedCategories: BUDGET_CATEGORIES.filter((c) => excluded.has(c)),
    partners,
    byYear: years.map((year, i) => ({ year, total: (yearShares[i] as Dec).toFixed(callDigits) })),
    byCategory: categoryKeys.map((category, i) => ({
      category,
      total: (categoryShares[i] as Dec).toFixed(callDigits),
    })),
    byAgency: [...agencyTotals].map(([agencyId, total]) => ({ agencyId, total: total.toFixed(callDigits) })),
    grandTotal: grandTotal.toFixed(callDigits),
    errors,
  };
}

/** Why a line of a known partner cannot be counted, or null when it can. */
function lineProblem(
  line: BudgetLine,
  currency: string,
  rateProblem: { code: 'budget.missing_rate' | 'budget.invalid_rate'; rate: string | null } | undefined,
): { code: BudgetErrorCode; params: Record<string, string | number> } | null {
  if (rateProblem) {
    const params: Record<string, string> = { currency };
    if (rateProblem.rate !== null) params.rate = rateProblem.rate;
    return { code: rateProblem.code, params };
  }
  if (!Number.isInteger(line.year) || line.year < 1 || line.year > BUDGET_MAX_YEARS) {
    return { code: 'budget.invalid_year', params: { year: String(line.year), max: BUDGET_MAX_YEARS } };
  }
  if (!(BUDGET_CATEGORIES as readonly string[]).includes(line.category)) {
    return { code: 'budget.invalid_category', params: { category: String(line.category) } };
  }
  if (!isMoney(line.amount)) return { code: 'budget.invalid_amount', params: { amount: String(line.amount) } };
  const digits = minorUnits(currency);
  if (new Dec(line.amount).decimalPlaces() > digits) {
    return { code: 'budget.amount_precision', params: { amount: line.amount, currency, decimals: digits } };
  }
  return null;
}

/**
 * Shares `total` (already on the grid of `digits` decimals) among buckets in proportion to their exact, non-negative
 * values, largest-remainder style: each bucket gets its value rounded down to the grid, then the minor units still
 * missing go one each to the buckets with the largest remainders (ties: earlier bucket first). If rounding the partner
 * totals made `total` smaller than the floors add up to, units are taken back from the smallest remainders. The
 * shares always add up to `total` exactly.
 */
function apportion(total: Dec, values: readonly Dec[], digits: number): Dec[] {
  if (values.length === 0) return [];
  const unit = new Dec(1).dividedBy(new Dec(10).pow(digits)); // exact: a power of ten
  const shares = values.map((v) => v.toDecimalPlaces(digits, ROUND_FLOOR));
  const remainders = values.map((v, i) => v.minus(shares[i] as Dec));
  let missing = total
    .minus(shares.reduce((sum, s) => sum.plus(s), ZERO))
    .dividedBy(unit)
    .toNumber(); // an integer
  const order = values.map((_, i) => i);
  order.sort((a, b) => (remainders[b] as Dec).comparedTo(remainders[a] as Dec) || a - b);
  while (missing > 0) {
    for (const i of order) {
      if (missing === 0) break;
      shares[i] = (shares[i] as Dec).plus(unit);
      missing--;
    }
  }
  const smallestFirst = [...order].reverse();
  while (missing < 0) {
    const before = missing;
    for (const i of smallestFirst) {
      if (missing === 0) break;
      if ((shares[i] as Dec).greaterThan(ZERO)) {
        shares[i] = (shares[i] as Dec).minus(unit);
        missing++;
      }
    }
    if (missing === before) break; // unreachable while total ≥ 0; never loop forever
  }
  return shares;
}
