import {
  type BudgetCategory,
  fitsCurrency,
  type GrantReport,
  isMoney,
  type ReportOutputs,
  SaveReportBodySchema,
} from '@kizuna/shared';
import type { SaveReportBody } from '../../../api/grants';
import { decodeIssue, type Issue, zodIssueOptions } from '../../../lib/form-errors';
import { normaliseAmount } from '../../proposals/workspace/budget-model';

/*
 * The report editor's model: the form holds text as typed (years, counts and amounts included, so an input never
 * shows a coerced value); `valuesToContent` turns it into the body of a save, and `reportIssues` checks that body
 * with the contract's schema plus the server's own checks (currency precision, one line per partner × category).
 * Issues are keyed by form field path, whether found here or answered by the server.
 */

type Outputs = ReportOutputs;

export interface ReportValues {
  narrative: GrantReport['narrative'];
  outputs: {
    publications: { title: string; doi: string; venue: string; year: string; countries: string }[];
    datasets: { title: string; url: string; doi: string }[];
    patents: Outputs['patents'];
    prototypes: Outputs['prototypes'];
    trainedPeople: { level: Outputs['trainedPeople'][number]['level']; countryCode: string; count: string }[];
  };
  spending: { partnerId: string; category: BudgetCategory; amount: string }[];
}

export type OutputKind = keyof ReportValues['outputs'];
export const OUTPUT_KINDS: readonly OutputKind[] = [
  'publications',
  'datasets',
  'patents',
  'prototypes',
  'trainedPeople',
];

/** A new row of each output list. */
export const EMPTY_OUTPUT: { [K in OutputKind]: ReportValues['outputs'][K][number] } = {
  publications: { title: '', doi: '', venue: '', year: String(new Date().getFullYear()), countries: '' },
  datasets: { title: '', url: '', doi: '' },
  patents: { title: '', number: '', office: '', status: 'FILED' },
  prototypes: { title: '', description: '' },
  trainedPeople: { level: 'PHD', countryCode: '', count: '1' },
};

export type SaveReportContent = Omit<SaveReportBody, 'version'>;

/** "jp, MY th" → ["JP", "MY", "TH"]. */
export function countryList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());
}

/** A publication whose authors come from two or more countries (as the server counts joint publications). */
export function isJointPublication(countries: readonly string[]): boolean {
  return new Set(countries).size >= 2;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
/** A whole number as typed; blank is missing (zod then says "required"). */
const wholeNumber = (text: string) => (text.trim() === '' ? (undefined as unknown as number) : Number(text));

export function reportToValues(report: Pick<GrantReport, 'narrative' | 'outputs' | 'spending'>): ReportValues {
  const { outputs } = report;
  return {
    narrative: { ...report.narrative },
    outputs: {
      publications: outputs.publications.map((p) => ({
        title: p.title,
        doi: p.doi ?? '',
        venue: p.venue,
        year: String(p.year),
        countries: p.countries.join(', '),
      })),
      datasets: outputs.datasets.map((d) => ({ title: d.title, url: d.url ?? '', doi: d.doi ?? '' })),
      patents: outputs.patents.map((p) => ({ ...p })),
      prototypes: outputs.prototypes.map((p) => ({ ...p })),
      trainedPeople: outputs.trainedPeople.map((p) => ({ ...p, count: String(p.count) })),
    },
    spending: report.spending.map((s) => ({ ...s })),
  };
}

export function valuesToContent(values: ReportValues): SaveReportContent {
  const { outputs } = values;
  return {
    narrative: { ...values.narrative },
    outputs: {
      publications: outputs.publications.map((p) => ({
        title: p.title,
        doi: orNull(p.doi),
        venue: p.venue,
        year: wholeNumber(p.year),
        countries: countryList(p.countries),
      })),
      datasets: outputs.datasets.map((d) => ({ title: d.title, url: orNull(d.url), doi: orNull(d.doi) })),
      patents: outputs.patents.map((p) => ({ ...p })),
      prototypes: outputs.prototypes.map((p) => ({ ...p })),
      trainedPeople: outputs.trainedPeople.map((p) => ({
        level: p.level,
        countryCode: p.countryCode.trim().toUpperCase(),
        count: wholeNumber(p.count),
      })),
    },
    spending: values.spending.map((s) => ({ ...s, amount: normaliseAmount(s.amount) })),
  };
}

/**
 * The form field an issue of the body belongs to: "outputs.publications.0.countries.1" is about the countries field
 * (one text for the list), "spending.2" (a duplicate line) about that line's category.
 */
export function fieldPathOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const countries = parts.indexOf('countries');
  if (countries >= 0) return parts.slice(0, countries + 1).join('.');
  if (parts[0] === 'spending' && parts.length === 2) return `${parts.join('.')}.category`;
  return parts.join('.');
}

const ContentSchema = SaveReportBodySchema.omit({ version: true });

/** Every problem of the report as it would be saved, by field path (the first one of each field). */
export function reportIssues(values: ReportValues, currencyOf: ReadonlyMap<string, string>): Map<string, Issue> {
  const issues = new Map<string, Issue>();
  const add = (path: string, issue: Issue) => {
    if (!issues.has(path)) issues.set(path, issue);
  };
  const content = valuesToContent(values);
  const parsed = ContentSchema.safeParse(content, zodIssueOptions);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add(fieldPathOf(issue.path), decodeIssue(issue.message) ?? { code: issue.code });
    }
  }
  // The server's checks: the partner's currency decides the decimals; one line per partner and category.
  const seen = new Set<string>();
  content.spending.forEach((line, i) => {
    const currency = currencyOf.get(line.partnerId);
    if (currency && isMoney(line.amount) && !fitsCurrency(line.amount, currency)) {
      add(`spending.${i}.amount`, { code: 'amount_precision', params: { currency } });
    }
    const key = `${line.partnerId}|${line.category}`;
    if (seen.has(key)) add(`spending.${i}.category`, { code: 'duplicate' });
    seen.add(key);
  });
  return issues;
}

/** Every text field of the form, by path: where an answer of the server can be shown. */
export function fieldPaths(values: unknown, prefix = ''): string[] {
  if (typeof values === 'string') return [prefix];
  if (values === null || typeof values !== 'object') return [];
  return Object.entries(values).flatMap(([key, value]) => fieldPaths(value, prefix ? `${prefix}.${key}` : key));
}
