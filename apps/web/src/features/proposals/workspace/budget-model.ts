import {
  BUDGET_CATEGORIES,
  BUDGET_MAX_YEARS,
  type BudgetCategory,
  type BudgetInput,
  type BudgetResult,
  type Call,
  computeBudget,
  isMoney,
  minorUnits,
  type Proposal,
  roundMoney,
} from '@kizuna/shared';
import type { BudgetLineInput } from '../../../api/proposals';

/*
 * The budget editor's model: one text per partner × year × category cell, as typed. The totals shown while typing
 * come from computeBudget — the very function the server runs — over the cells that hold a valid amount; after a
 * save the server's own summary is shown, and it is the one that counts.
 */

interface PartnerCurrency {
  id: string;
  currency: string;
}

/** Cell texts by `partnerId|year|category`. */
export type Cells = Readonly<Record<string, string>>;

export function cellKey(partnerId: string, year: number, category: BudgetCategory): string {
  return `${partnerId}|${year}|${category}`;
}

/** The cells of saved lines, each amount with the decimals of its partner's currency ("5000000.00" JPY → "5000000"). */
export function linesToCells(lines: readonly BudgetLineInput[], partners: readonly PartnerCurrency[]): Cells {
  const currencyOf = new Map(partners.map((p) => [p.id, p.currency]));
  const cells: Record<string, string> = {};
  for (const line of lines) {
    const currency = currencyOf.get(line.partnerId);
    let amount = line.amount;
    try {
      if (currency) amount = roundMoney(line.amount, currency);
    } catch {
      // Not a plain decimal: shown as it came, and flagged.
    }
    cells[cellKey(line.partnerId, line.year, line.category)] = amount;
  }
  return cells;
}

/** What people type ("1,250,000.50", "1 250 000") as the API's money string ("1250000.50"). */
export function normaliseAmount(text: string): string {
  return text.replace(/[\s,_\u00a0\u202f]/g, '');
}

export type CellProblem = 'invalid_amount' | 'amount_precision';

/** Why a cell's text cannot be a budget line in `currency` (null when it can, or when it is empty). */
export function cellProblem(text: string, currency: string): CellProblem | null {
  const amount = normaliseAmount(text);
  if (amount === '') return null;
  if (!isMoney(amount)) return 'invalid_amount';
  // As the server counts them: trailing zeros are no decimals ("5000.00" is fine in JPY).
  const decimals = (amount.split('.')[1] ?? '').replace(/0+$/, '').length;
  return decimals > minorUnits(currency) ? 'amount_precision' : null;
}

/** The lines of the cells that hold a valid amount, in partner, year and category order. */
export function cellsToLines(cells: Cells, partners: readonly PartnerCurrency[]): BudgetLineInput[] {
  const lines: BudgetLineInput[] = [];
  for (const partner of partners) {
    for (let year = 1; year <= BUDGET_MAX_YEARS; year++) {
      for (const category of BUDGET_CATEGORIES) {
        const text = cells[cellKey(partner.id, year, category)];
        if (text === undefined || cellProblem(text, partner.currency) !== null) continue;
        const amount = normaliseAmount(text);
        if (amount !== '') lines.push({ partnerId: partner.id, year, category, amount });
      }
    }
  }
  return lines;
}

/** Every cell with a problem, by cell key. */
export function cellProblems(cells: Cells, partners: readonly PartnerCurrency[]): Record<string, CellProblem> {
  const out: Record<string, CellProblem> = {};
  const currencyOf = new Map(partners.map((p) => [p.id, p.currency]));
  for (const [key, text] of Object.entries(cells)) {
    const currency = currencyOf.get(key.split('|')[0] ?? '');
    if (!currency) continue;
    const problem = cellProblem(text, currency);
    if (problem) out[key] = problem;
  }
  return out;
}

/** The input computeBudget needs, from the proposal's partners and the call's rates, as the server builds it. */
export function budgetInput(
  proposal: Pick<Proposal, 'partners'>,
  call: Pick<Call, 'currency' | 'rates' | 'indirectRate'>,
  lines: readonly BudgetLineInput[],
): BudgetInput {
  return {
    lines,
    partners: proposal.partners.map((p) => ({
      id: p.id,
      currency: p.currency,
      agencyId: p.agency?.id ?? null,
      countryCode: p.institution.countryCode,
    })),
    callCurrency: call.currency,
    rates: Object.fromEntries(call.rates.map((r) => [r.currency, r.rate])),
    indirectRate: call.indirectRate,
  };
}

/** The totals of the cells as they are now (live, before saving). */
export function liveBudget(
  proposal: Pick<Proposal, 'partners'>,
  call: Pick<Call, 'currency' | 'rates' | 'indirectRate'>,
  cells: Cells,
): BudgetResult {
  return computeBudget(budgetInput(proposal, call, cellsToLines(cells, proposal.partners)));
}

/** How many years the grid shows: the project's duration, at least every year that has a line, at least one. */
export function budgetYears(durationMonths: number | null, cells: Cells, extra = 0): number {
  let years = durationMonths ? Math.ceil(durationMonths / 12) : 1;
  for (const [key, text] of Object.entries(cells)) {
    if (text.trim() === '') continue;
    const year = Number(key.split('|')[1]);
    if (Number.isInteger(year)) years = Math.max(years, year);
  }
  return Math.min(BUDGET_MAX_YEARS, Math.max(1, years + extra));
}

/** Two sets of lines are the same budget (order aside). */
export function sameLines(a: readonly BudgetLineInput[], b: readonly BudgetLineInput[]): boolean {
  const amount = (value: string) => {
    try {
      return roundMoney(value, 'USD');
    } catch {
      return value;
    }
  };
  const text = (lines: readonly BudgetLineInput[]) =>
    lines
      .map((l) => `${l.partnerId}|${l.year}|${l.category}|${amount(l.amount)}`)
      .sort()
      .join('\n');
  return text(a) === text(b);
}
