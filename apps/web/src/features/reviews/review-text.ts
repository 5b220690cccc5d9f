import type { Locale, PanelPerson } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import type { AssignmentStatus } from '../../api/reviews';
import { formatList, intlLocale } from '../../lib/format';

/**
 * Someone on a panel, as the API describes them (never an English label): reviewers are "Reviewer n" to each other,
 * managers also see their names; the caller is "You".
 */
export function personLabel(t: TFunction, person: PanelPerson, options: { you?: boolean } = {}): string {
  if (person.me && options.you !== false) return t('reviews.labels.you');
  if (person.kind === 'manager') {
    return person.name ? t('reviews.labels.managerNamed', { name: person.name }) : t('reviews.labels.manager');
  }
  const n = person.ordinal ?? '?';
  return person.name
    ? t('reviews.labels.reviewerNamed', { n, name: person.name })
    : t('reviews.labels.reviewer', { n });
}

/** Several people on a panel, in the user's language ("Reviewer 1 and You"). */
export function peopleLabel(t: TFunction, people: readonly PanelPerson[], locale: Locale): string {
  return formatList(
    people.map((person) => personLabel(t, person)),
    locale,
  );
}

/** Where a manager reads one proposal's panel (reviews with names, discussion, consensus). */
export function managerPanelPath(callId: string, proposalId: string): string {
  return `/manage/calls/${callId}/review/panels/${proposalId}`;
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
