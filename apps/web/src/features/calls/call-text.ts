import {
  ASEAN_COUNTRIES,
  type Call,
  DEFAULT_THEMES,
  type EligibilityRule,
  formatMoney,
  KIZUNA_COUNTRIES,
  type Locale,
} from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { formatList, intlLocale } from '../../lib/format';
import { browserTimeZone } from '../../lib/time-zones';
import { useMe } from '../auth/use-me';
import { useCountries } from './use-countries';

type DefaultTheme = (typeof DEFAULT_THEMES)[number];

export function isDefaultTheme(theme: string): theme is DefaultTheme {
  return (DEFAULT_THEMES as readonly string[]).includes(theme);
}

/** A theme as people read it: the default themes translated, free-text themes as written. */
export function themeLabel(t: TFunction, theme: string): string {
  return isDefaultTheme(theme) ? t(`calls.themes.${theme}`) : theme;
}

/** Money in `currency` for display; the raw amount if it is not a valid amount (never throws). */
export function moneyText(amount: string, currency: string, locale: Locale): string {
  try {
    return formatMoney(amount, currency, intlLocale(locale));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A fraction ("0.25") as a percentage in the user's language ("25%"). */
export function percentText(fraction: string, locale: Locale): string {
  const value = Number(fraction);
  if (!Number.isFinite(value)) return fraction;
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(value);
}

/** The time zone the viewer reads times in: the signed-in user's, else the browser's. */
export function useViewerTimeZone(): string {
  const me = useMe();
  return me.data?.timeZone ?? browserTimeZone();
}

/**
 * Country names in the user's language: from /reference/countries (nameEn / nameJa), else the browser's own names
 * for the code, else the code itself.
 */
export function useCountryName(): (code: string) => string {
  const countries = useCountries();
  // Subscribes to language changes, so the names follow the language.
  useTranslation();
  const locale = currentLocale();
  const data = countries.data;
  return useCallback(
    (code: string) => {
      const country = data?.find((c) => c.code === code);
      if (country) return locale === 'ja' ? country.nameJa : country.nameEn;
      try {
        return new Intl.DisplayNames(intlLocale(locale), { type: 'region' }).of(code) ?? code;
      } catch {
        return code;
      }
    },
    [data, locale],
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((item) => set.has(item));
}

/** A list of countries as words: "Japan", "Thailand or Malaysia", "an ASEAN member state or Japan". */
export function countriesText(
  t: TFunction,
  countries: readonly string[],
  countryName: (code: string) => string,
  locale: Locale,
  type: 'conjunction' | 'disjunction',
): string {
  if (sameSet(countries, KIZUNA_COUNTRIES)) return t('calls.countriesKizuna');
  if (type === 'disjunction' && sameSet(countries, ASEAN_COUNTRIES)) return t('calls.countriesAsean');
  return formatList(countries.map(countryName), locale, type);
}

/** One eligibility rule in plain language, with its parameters. */
export function ruleText(
  t: TFunction,
  rule: EligibilityRule,
  countryName: (code: string) => string,
  locale: Locale,
): string {
  switch (rule.kind) {
    case 'min_partners_in_countries':
      return t('calls.rules.min_partners_in_countries', {
        min: rule.min,
        countries: countriesText(t, rule.countries, countryName, locale, 'disjunction'),
      });
    case 'min_distinct_countries':
      return rule.countries === 'ASEAN'
        ? t('calls.rules.min_distinct_countries_asean', { min: rule.min })
        : t('calls.rules.min_distinct_countries', {
            min: rule.min,
            countries: countriesText(t, rule.countries, countryName, locale, 'conjunction'),
          });
    case 'min_agency_countries':
      return t('calls.rules.min_agency_countries', { min: rule.min });
    case 'lead_country_in':
      return t('calls.rules.lead_country_in', {
        countries: countriesText(t, rule.countries, countryName, locale, 'disjunction'),
      });
    case 'max_partners':
      return t('calls.rules.max_partners', { max: rule.max });
    case 'partners_agency_participates':
    case 'budget_total_max':
    case 'budget_partner_max':
    case 'duration_max':
    case 'sections_complete':
    case 'attachments_present':
      return t(`calls.rules.${rule.kind}`);
    default:
      return t('calls.rules.unknown_rule', { kind: String((rule as { kind?: unknown }).kind) });
  }
}

/** What a rule that refers to the call's own limits means for this call ("Cap: $900,000.00"), if anything. */
export function ruleDetail(
  t: TFunction,
  rule: EligibilityRule,
  call: Pick<Call, 'capPerProposal' | 'capPerPartner' | 'currency' | 'maxDurationMonths'>,
  locale: Locale,
): string | undefined {
  switch (rule.kind) {
    case 'budget_total_max':
    case 'budget_partner_max': {
      const cap = rule.kind === 'budget_total_max' ? call.capPerProposal : call.capPerPartner;
      return cap === null
        ? t('calls.rules.noCapDetail')
        : t('calls.rules.capDetail', { amount: moneyText(cap, call.currency, locale) });
    }
    case 'duration_max':
      return t('calls.rules.durationDetail', { months: call.maxDurationMonths });
    default:
      return undefined;
  }
}

/** "USD — US Dollar" in the user's language. */
export function currencyLabel(code: string, locale: Locale): string {
  try {
    const name = new Intl.DisplayNames(intlLocale(locale), { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}
