import type { Locale } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import type { AssignmentStatus } from '../../api/reviews';
import { intlLocale } from '../../lib/format';

/*
 * The API names people on a panel in English ("Reviewer 2", "Reviewer 2 (Aiko Tanaka)" for managers, "You",
 * "Programme manager") and blind partners "Partner 1". These read them back in the user's language; anything else
 * (a name) is shown as it came.
 */
const REVIEWER = /^Reviewer (\d+)(?: \((.+)\))?$/;
const PARTNER = /^Partner (\d+)$/;

export function personLabel(t: TFunction, label: string): string {
  const reviewer = REVIEWER.exec(label);
  if (reviewer) {
    const [, n = '', name] = reviewer;
    return name ? t('reviews.labels.reviewerNamed', { n, name }) : t('reviews.labels.reviewer', { n });
  }
  const partner = PARTNER.exec(label);
  if (partner) return t('reviews.labels.partner', { n: partner[1] ?? '' });
  if (label === 'You') return t('reviews.labels.you');
  if (label === 'Programme manager') return t('reviews.labels.manager');
  return label;
}

/** A score or mean as people read it: at most two decimals, in the user's language ("3.75", "4"). */
export function scoreText(value: number, locale: Locale, digits = 2): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(value);
}

/** An affinity (0…1) with three decimals. */
export function affinityText(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(
    value,
  );
}

export function assignmentStatusClass(status: AssignmentStatus): string {
  switch (status) {
    case 'ACCEPTED':
    case 'SUBMITTED':
      return 'badge badge-open';
    case 'DECLINED':
      return 'badge badge-closed';
    case 'INVITED':
      return 'badge badge-published';
    default:
      return 'badge badge-draft';
  }
}

export function outcomeClass(outcome: 'FUNDED' | 'RESERVE' | 'NOT_FUNDED'): string {
  return outcome === 'FUNDED'
    ? 'badge badge-open'
    : outcome === 'RESERVE'
      ? 'badge badge-published'
      : 'badge badge-closed';
}

/** Email addresses typed or pasted: split on commas, semicolons and white space, lower-cased, each once. */
export function splitEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;、]+/)
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** "7, 2" → [7, 2]; anything not a whole number is kept as NaN so the schema reports it. */
export function splitNumbers(text: string): number[] {
  return text
    .split(/[\s,;、]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
}

/** Lines of text (one name or address each) → the non-empty ones, trimmed. */
export function splitLines(text: string): string[] {
  return text
    .split(/\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
