import { BUDGET_CATEGORIES, type BudgetCategory } from '../proposals/budget.js';
import { Dec, ROUND_HALF_EVEN } from '../proposals/decimal.js';
import { minorUnits } from '../proposals/money.js';

/*
 * Grant money, exactly (decimal.js, never a binary float): tranche balances and financial statements. Amounts are
 * decimal strings in the partner's currency; call-currency figures are converted at the grant's fixed rate and rounded
 * HALF_EVEN once per reported figure, as computeBudget does.
 */

const ZERO = new Dec(0);

/** True when `amount` has no more decimals than `currency` has minor units ("1.5" fits USD, not JPY). */
export function fitsCurrency(amount: string, currency: string): boolean {
  return new Dec(amount).decimalPlaces() <= minorUnits(currency);
}

/** Exact sum, written with the currency's minor units. */
export function addAmounts(values: readonly string[], currency: string): string {
  return values.reduce((sum, v) => sum.plus(new Dec(v)), ZERO).toFixed(minorUnits(currency));
}

/** Exact a − b (may be negative), written with the currency's minor units. */
export function subtractAmounts(a: string, b: string, currency: string): string {
  return new Dec(a).minus(new Dec(b)).toFixed(minorUnits(currency));
}

/** amount × rate, rounded HALF_EVEN to the call currency's minor units. */
export function toCallCurrency(amount: string, rate: string, callCurrency: string): string {
  return new Dec(amount).times(new Dec(rate)).toFixed(minorUnits(callCurrency), ROUND_HALF_EVEN);
}

export interface TrancheAmounts {
  partnerId: string;
  amount: string;
  callAmount: string;
  status: 'PLANNED' | 'RELEASED';
}

export interface BalanceFigures {
  approved: string;
  released: string;
  planned: string;
  /** approved − released */
  remaining: string;
}

export interface PartnerBalance {
  partnerId: string;
  currency: string;
  partnerCurrency: BalanceFigures;
  callCurrency: BalanceFigures;
}

function figures(approved: Dec, released: Dec, planned: Dec, digits: number): BalanceFigures {
  return {
    approved: approved.toFixed(digits),
    released: released.toFixed(digits),
    planned: planned.toFixed(digits),
    remaining: approved.minus(released).toFixed(digits),
  };
}

/**
 * Balances per partner (both currencies), per agency and in total (call currency): approved (the budget's partner
 * totals), released (paid tranches), planned (not yet paid) and remaining (approved − released). Agency and total
 * figures are sums of the partners', so they add up exactly.
 */
export function grantBalances(input: {
  callCurrency: string;
  partners: readonly {
    partnerId: string;
    currency: string;
    agencyId: string;
    approvedPartner: string;
    approvedCall: string;
  }[];
  tranches: readonly TrancheAmounts[];
}) {
  const callDigits = minorUnits(input.callCurrency);
  const agencies = new Map<string, { approved: Dec; released: Dec; planned: Dec }>();
  const total = { approved: ZERO, released: ZERO, planned: ZERO };
  const partners: PartnerBalance[] = input.partners.map((p) => {
    const own = input.tranches.filter((t) => t.partnerId === p.partnerId);
    const sum = (status: 'PLANNED' | 'RELEASED', field: 'amount' | 'callAmount') =>
      own.filter((t) => t.status === status).reduce((s, t) => s.plus(new Dec(t[field])), ZERO);
    const call = {
      approved: new Dec(p.approvedCall),
      released: sum('RELEASED', 'callAmount'),
      planned: sum('PLANNED', 'callAmount'),
    };
    const agency = agencies.get(p.agencyId) ?? { approved: ZERO, released: ZERO, planned: ZERO };
    agencies.set(p.agencyId, {
      approved: agency.approved.plus(call.approved),
      released: agency.released.plus(call.released),
      planned: agency.planned.plus(call.planned),
    });
    total.approved = total.approved.plus(call.approved);
    total.released = total.released.plus(call.released);
    total.planned = total.planned.plus(call.planned);
    return {
      partnerId: p.partnerId,
      currency: p.currency,
      partnerCurrency: figures(
        new Dec(p.approvedPartner),
        sum('RELEASED', 'amount'),
        sum('PLANNED', 'amount'),
        minorUnits(p.currency),
      ),
      callCurrency: figures(call.approved, call.released, call.planned, callDigits),
    };
  });
  return {
    partners,
    agencies: [...agencies].map(([agencyId, a]) => ({
      agencyId,
      callCurrency: figures(a.approved, a.released, a.planned, callDigits),
    })),
    total: figures(total.approved, total.released, total.planned, callDigits),
  };
}

/**
 * The call-currency amount of a new tranche, rounded HALF_EVEN at the fixed rate on the partner's running total: what
 * the partner's tranches so far (this one included) are worth, minus what the earlier ones were given. Rounding the
 * running total rather than each tranche keeps the tranches from drifting apart from the converted total (three
 * tranches of 0.18 would each round up). The tranche that brings the partner to exactly its approved amount gets what
 * is left of the approved call-currency total, so a fully paid partner adds up in both currencies; no tranche is given
 * more than is left.
 */
export function trancheCallAmount(input: {
  amount: string;
  rate: string;
  callCurrency: string;
  approvedPartner: string;
  approvedCall: string;
  /** The partner's other tranches, planned and released. */
  others: readonly { amount: string; callAmount: string }[];
}): string {
  const digits = minorUnits(input.callCurrency);
  const partnerSum = input.others.reduce((s, t) => s.plus(new Dec(t.amount)), new Dec(input.amount));
  const callSum = input.others.reduce((s, t) => s.plus(new Dec(t.callAmount)), ZERO);
  const left = Dec.max(ZERO, new Dec(input.approvedCall).minus(callSum));
  if (partnerSum.equals(new Dec(input.approvedPartner))) return left.toFixed(digits);
  const runningTotal = new Dec(toCallCurrency(partnerSum.toFixed(), input.rate, input.callCurrency));
  return Dec.min(left, Dec.max(ZERO, runningTotal.minus(callSum))).toFixed(digits);
}

/** How much more may be planned for a partner: approved − (planned + released), in its currency. */
export function unallocated(approvedPartner: string, tranches: readonly { amount: string }[], currency: string) {
  return tranches.reduce((s, t) => s.minus(new Dec(t.amount)), new Dec(approvedPartner)).toFixed(minorUnits(currency));
}

export function isNegative(amount: string): boolean {
  return new Dec(amount).isNegative() && !new Dec(amount).isZero();
}

export interface StatementInput {
  callCurrency: string;
  partners: readonly { partnerId: string; currency: string; rate: string }[];
  /** The approved budget: lines partner × year × category (direct costs). */
  budget: readonly { partnerId: string; category: string; amount: string }[];
  /** This report's spending. */
  thisPeriod: readonly { partnerId: string; category: string; amount: string }[];
  /** Spending of the earlier submitted or accepted reports. */
  earlier: readonly { partnerId: string; category: string; amount: string }[];
}

interface Pair {
  partnerCurrency: string;
  callCurrency: string;
}

/**
 * A financial statement: per partner × category, approved (whole grant, direct costs) against spent this period and
 * to date, and what remains; each figure in the partner's currency and in the call currency (converted once, rounded
 * HALF_EVEN). Per-partner rows sum the categories exactly in the partner currency and convert the sum once.
 */
export function financialStatement(input: StatementInput) {
  const callDigits = minorUnits(input.callCurrency);
  const key = (partnerId: string, category: string) => `${partnerId}|${category}`;
  const total = (rows: readonly { partnerId: string; category: string; amount: string }[]) => {
    const map = new Map<string, Dec>();
    for (const r of rows)
      map.set(key(r.partnerId, r.category), (map.get(key(r.partnerId, r.category)) ?? ZERO).plus(r.amount));
    return map;
  };
  const approved = total(input.budget);
  const period = total(input.thisPeriod);
  const earlier = total(input.earlier);
  const pair = (value: Dec, currency: string, rate: string): Pair => ({
    partnerCurrency: value.toFixed(minorUnits(currency)),
    callCurrency: value.times(new Dec(rate)).toFixed(callDigits, ROUND_HALF_EVEN),
  });
  const rows = [];
  const partners = [];
  const totals = { approved: ZERO, spentThisPeriod: ZERO, spentToDate: ZERO };
  for (const p of input.partners) {
    const sums = { approved: ZERO, period: ZERO, toDate: ZERO };
    for (const category of BUDGET_CATEGORIES as readonly BudgetCategory[]) {
      const k = key(p.partnerId, category);
      const a = approved.get(k) ?? ZERO;
      const s = period.get(k) ?? ZERO;
      const d = s.plus(earlier.get(k) ?? ZERO);
      if (a.isZero() && d.isZero()) continue;
      sums.approved = sums.approved.plus(a);
      sums.period = sums.period.plus(s);
      sums.toDate = sums.toDate.plus(d);
      const approvedPair = pair(a, p.currency, p.rate);
      const toDatePair = pair(d, p.currency, p.rate);
      rows.push({
        partnerId: p.partnerId,
        category,
        currency: p.currency,
        approved: approvedPair,
        spentThisPeriod: pair(s, p.currency, p.rate),
        spentToDate: toDatePair,
        remaining: {
          partnerCurrency: a.minus(d).toFixed(minorUnits(p.currency)),
          callCurrency: new Dec(approvedPair.callCurrency).minus(toDatePair.callCurrency).toFixed(callDigits),
        },
      });
    }
    const approvedPair = pair(sums.approved, p.currency, p.rate);
    const periodPair = pair(sums.period, p.currency, p.rate);
    const toDatePair = pair(sums.toDate, p.currency, p.rate);
    totals.approved = totals.approved.plus(approvedPair.callCurrency);
    totals.spentThisPeriod = totals.spentThisPeriod.plus(periodPair.callCurrency);
    totals.spentToDate = totals.spentToDate.plus(toDatePair.callCurrency);
    partners.push({
      partnerId: p.partnerId,
      currency: p.currency,
      approved: approvedPair,
      spentThisPeriod: periodPair,
      spentToDate: toDatePair,
      remaining: {
        partnerCurrency: sums.approved.minus(sums.toDate).toFixed(minorUnits(p.currency)),
        callCurrency: new Dec(approvedPair.callCurrency).minus(toDatePair.callCurrency).toFixed(callDigits),
      },
    });
  }
  return {
    callCurrency: input.callCurrency,
    rows,
    partners,
    totals: {
      approved: totals.approved.toFixed(callDigits),
      spentThisPeriod: totals.spentThisPeriod.toFixed(callDigits),
      spentToDate: totals.spentToDate.toFixed(callDigits),
    },
  };
}
