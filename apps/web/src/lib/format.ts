import type { Locale } from '@kizuna/shared';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ja: 'ja-JP' };

function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** An instant in the user's time zone and language, with the zone's short name (e.g. "3 Feb 2026, 18:04 JST"). */
export function formatDateTime(iso: string, options: { timeZone?: string; locale: Locale }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the parts.
  return new Intl.DateTimeFormat(INTL_LOCALE[options.locale], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: safeTimeZone(options.timeZone),
    timeZoneName: 'short',
  }).format(date);
}

/** The same instant in UTC, unambiguous, for titles and tooltips ("2026-02-03 09:04:05 UTC"). */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A date without time in the user's time zone and language. */
export function formatDate(iso: string, options: { timeZone?: string; locale: Locale }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[options.locale], {
    dateStyle: 'medium',
    timeZone: safeTimeZone(options.timeZone),
  }).format(date);
}
