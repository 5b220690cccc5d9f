import type { Locale } from '@kizuna/shared';

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ja: 'ja-JP' };

/** The BCP 47 locale Intl formats with for a language of the app. */
export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale];
}

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

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** How long ago (or how far ahead) an instant is, in the user's language ("5 minutes ago", "5 分前", "now"). */
export function formatRelative(iso: string, options: { locale: Locale; now?: number }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = (date.getTime() - (options.now ?? Date.now())) / 1000;
  const format = new Intl.RelativeTimeFormat(INTL_LOCALE[options.locale], { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** "A, B and C" / "A、B、C"; with `type: 'disjunction'` "A, B or C" / "A、B、または C". */
export function formatList(
  items: readonly string[],
  locale: Locale,
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  return new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type }).format(items);
}

/** The time of day of an instant in the user's zone and language ("10:42"), for "Saved at 10:42". */
export function formatTime(iso: string, options: { timeZone?: string; locale: Locale }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(INTL_LOCALE[options.locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: safeTimeZone(options.timeZone),
  }).format(date);
}

/** A file size in the user's language, in B, kB or MB (powers of 1024, as upload limits are counted). */
export function formatBytes(bytes: number, locale: Locale): string {
  const units: [string, number][] = [
    ['megabyte', 1024 * 1024],
    ['kilobyte', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      return new Intl.NumberFormat(INTL_LOCALE[locale], {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(bytes / size);
    }
  }
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(
    bytes,
  );
}

/** A count in the user's language ("1,234"). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}
