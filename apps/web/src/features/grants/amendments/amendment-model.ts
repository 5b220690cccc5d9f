import {
  type AmendmentRequestSchema,
  BUDGET_CATEGORIES,
  type BudgetCategory,
  BudgetCategorySchema,
  type BudgetLine,
  compareMoney,
  computeBudget,
  fitsCurrency,
  isMoney,
  RequestAmendmentBodySchema,
} from '@kizuna/shared';
import { z } from 'zod';
import type { Grant, GrantAmendment, RequestAmendmentBody } from '../../../api/grants';
import { decodeIssue, type Issue, zodIssueOptions } from '../../../lib/form-errors';
import { normaliseAmount } from '../../proposals/workspace/budget-model';

/*
 * The amendment request form's model. A reallocation shows every approved line of the active partners with a "new
 * amount" (blank: unchanged); the grant's total in the call currency before and after is computed with computeBudget,
 * the function the server checks growth with, at the grant's rates.
 */

export type AmendmentKind = GrantAmendment['kind'];
export const AMENDMENT_KINDS: readonly AmendmentKind[] = ['BUDGET_REALLOCATION', 'NO_COST_EXTENSION', 'PARTNER_CHANGE'];
export type AmendmentRequest = z.infer<typeof AmendmentRequestSchema>;

export interface ReallocationLine {
  partnerId: string;
  year: number;
  category: BudgetCategory;
  /** The approved amount now ("0" for a line the request adds). */
  approved: string;
  /** The new amount as typed; blank keeps the line as it is. */
  amount: string;
}

export interface AmendmentValues {
  justification: string;
  kind: AmendmentKind;
  lines: ReallocationLine[];
  endDate: string;
  removePartnerId: string;
  transferTo: string;
}

export const lineKey = (l: { partnerId: string; year: number; category: string }) =>
  `${l.partnerId}|${l.year}|${l.category}`;

export function initialValues(grant: Grant): AmendmentValues {
  const active = new Set(grant.partners.filter((p) => p.active).map((p) => p.id));
  const order = (l: { category: BudgetCategory }) => BUDGET_CATEGORIES.indexOf(l.category);
  return {
    justification: '',
    kind: 'BUDGET_REALLOCATION',
    lines: grant.budget.lines
      .filter((l) => active.has(l.partnerId) && compareMoney(l.approved, '0') !== 0)
      .sort((a, b) => a.partnerId.localeCompare(b.partnerId) || a.year - b.year || order(a) - order(b))
      .map((l) => ({ partnerId: l.partnerId, year: l.year, category: l.category, approved: l.approved, amount: '' })),
    endDate: '',
    removePartnerId: '',
    transferTo: '',
  };
}

/** The lines a reallocation changes, each with the row of the form it comes from. */
export function changedLines(lines: readonly ReallocationLine[]): { row: number; line: BudgetLine }[] {
  return lines.flatMap((l, row) => {
    const amount = normaliseAmount(l.amount);
    return amount === '' ? [] : [{ row, line: { partnerId: l.partnerId, year: l.year, category: l.category, amount } }];
  });
}

export function toRequestBody(values: AmendmentValues): RequestAmendmentBody {
  const request: AmendmentRequest =
    values.kind === 'BUDGET_REALLOCATION'
      ? { kind: values.kind, lines: changedLines(values.lines).map((c) => c.line) }
      : values.kind === 'NO_COST_EXTENSION'
        ? { kind: values.kind, endDate: values.endDate }
        : { kind: values.kind, removePartnerId: values.removePartnerId, transferTo: values.transferTo || null };
  return { justification: values.justification, request };
}

function grantBudget(grant: Grant, lines: readonly BudgetLine[]) {
  return computeBudget({
    lines,
    partners: grant.partners.map((p) => ({
      id: p.id,
      currency: p.currency,
      agencyId: p.agency.id,
      countryCode: p.institution.countryCode,
    })),
    callCurrency: grant.currency,
    rates: Object.fromEntries(grant.partners.map((p) => [p.currency, p.rate])),
    indirectRate: grant.indirectRate,
  });
}

/** The grant's total in the call currency now and with the new amounts (lines that are not amounts yet left out). */
export function reallocationTotals(grant: Grant, lines: readonly ReallocationLine[]) {
  const current = grant.budget.lines
    .filter((l) => compareMoney(l.approved, '0') !== 0)
    .map((l) => ({ partnerId: l.partnerId, year: l.year, category: l.category, amount: l.approved }));
  const after = new Map(current.map((l) => [lineKey(l), l]));
  for (const { line } of changedLines(lines)) {
    if (isMoney(line.amount)) after.set(lineKey(line), line);
  }
  const before = grantBudget(grant, current).grandTotal;
  const next = grantBudget(
    grant,
    [...after.values()].filter((l) => compareMoney(l.amount, '0') !== 0),
  ).grandTotal;
  return { before, after: next, grows: compareMoney(next, before) > 0 };
}

/** Where an issue of the body is shown in the form. */
function formPath(path: readonly PropertyKey[], rows: readonly number[]): string {
  const [first, second, index] = path.map(String);
  if (first !== 'request') return first ?? 'root';
  if (second === 'lines') return index === undefined ? 'lines.root' : `lines.${rows[Number(index)]}.amount`;
  return second ?? 'root';
}

/** Every problem of the request, by form field path: the contract's schema, then the server's own checks. */
export function amendmentIssues(values: AmendmentValues, grant: Grant): Map<string, Issue> {
  const issues = new Map<string, Issue>();
  const add = (path: string, issue: Issue) => {
    if (!issues.has(path)) issues.set(path, issue);
  };
  const rows = changedLines(values.lines).map((c) => c.row);
  const parsed = RequestAmendmentBodySchema.safeParse(toRequestBody(values), zodIssueOptions);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add(formPath(issue.path, rows), decodeIssue(issue.message) ?? { code: issue.code });
    }
  }
  if (values.kind === 'BUDGET_REALLOCATION') {
    const currencyOf = new Map(grant.partners.map((p) => [p.id, p.currency]));
    for (const { row, line } of changedLines(values.lines)) {
      const currency = currencyOf.get(line.partnerId) ?? grant.currency;
      if (isMoney(line.amount) && !fitsCurrency(line.amount, currency)) {
        add(`lines.${row}.amount`, { code: 'amount_precision', params: { currency } });
      }
    }
    if (reallocationTotals(grant, values.lines).grows) add('lines.root', { code: 'total_grows' });
  }
  if (values.kind === 'NO_COST_EXTENSION' && values.endDate !== '' && values.endDate <= grant.endDate) {
    add('endDate', { code: 'not_after_end' });
  }
  return issues;
}

/** The partners that may leave (active, not the lead), and who may take over a leaving partner's budget. */
export function leavingCandidates(grant: Grant) {
  return grant.partners.filter((p) => p.active && p.role !== 'LEAD');
}

export function heirCandidates(grant: Grant, leavingId: string) {
  const leaving = grant.partners.find((p) => p.id === leavingId);
  return grant.partners.filter((p) => p.active && p.id !== leavingId && p.currency === leaving?.currency);
}

// ───────────── What was asked and what changed (the API's shapes, by amendments.service.ts) ─────────────

const Amount = z.string();
const Category = BudgetCategorySchema;

export const ChangesSchemas = {
  BUDGET_REALLOCATION: z.object({
    lines: z.array(
      z.object({
        partnerId: z.string(),
        year: z.number(),
        category: Category,
        before: Amount.nullable(),
        after: Amount,
      }),
    ),
    grandTotal: z.object({ before: Amount, after: Amount }),
  }),
  NO_COST_EXTENSION: z.object({
    endDate: z.object({ before: z.string(), after: z.string() }),
    periodicReportsAdded: z.array(z.number()).default([]),
  }),
  PARTNER_CHANGE: z.object({
    removePartnerId: z.string(),
    transferTo: z.string().nullable(),
    lines: z.array(z.object({ year: z.number(), category: Category, amount: Amount })),
    tranchesCancelled: z.number(),
  }),
} as const;

export type Changes<K extends AmendmentKind> = z.infer<(typeof ChangesSchemas)[K]>;
