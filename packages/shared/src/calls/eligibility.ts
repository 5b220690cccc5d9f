import { z } from 'zod';
import type { BudgetResult } from '../proposals/budget.js';
import { compareMoney, isMoney } from '../proposals/money.js';

/*
 * The eligibility engine: a call's rules are data (EligibilityRuleSchema), evaluated on the facts of one proposal by
 * one pure function, so the web app's live checklist and the API's check at submission always agree. Each result says
 * whether the rule passed, a stable code for i18n ('eligibility.<kind>') and the params a message needs to say exactly
 * what is wrong. Bad or missing data never throws: the rule concerned fails.
 */

/** The ASEAN member states (ISO 3166-1 alpha-2); Timor-Leste joined in 2025. */
export const ASEAN_COUNTRIES = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN'] as const;
export const JAPAN = 'JP';
/** The ASEAN member states and Japan: the countries of the platform. */
export const KIZUNA_COUNTRIES = [...ASEAN_COUNTRIES, JAPAN] as const;

const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. JP');
const CountriesSchema = z.array(CountryCodeSchema).min(1).max(50);
const CountSchema = z.number().int().min(1).max(100);

export const EligibilityRuleSchema = z.discriminatedUnion('kind', [
  /** At least `min` partners (the lead included) in the listed countries, e.g. ≥ 1 partner in Japan. */
  z.object({ kind: z.literal('min_partners_in_countries'), countries: CountriesSchema, min: CountSchema }),
  /** At least `min` distinct countries among the listed ones (or the ASEAN member states) have a partner. */
  z.object({
    kind: z.literal('min_distinct_countries'),
    countries: z.union([z.literal('ASEAN'), CountriesSchema]),
    min: CountSchema,
  }),
  /** Partners cover at least `min` distinct countries of the call's participating agencies. */
  z.object({ kind: z.literal('min_agency_countries'), min: CountSchema }),
  /** The lead partner is in one of the listed countries. */
  z.object({ kind: z.literal('lead_country_in'), countries: CountriesSchema }),
  /** Every partner is funded by an agency taking part in the call (see evaluateEligibility). */
  z.object({ kind: z.literal('partners_agency_participates') }),
  /** At most `max` partners, the lead included. */
  z.object({ kind: z.literal('max_partners'), max: CountSchema }),
  /** The budget's grand total (call currency) is within the call's cap per proposal. */
  z.object({ kind: z.literal('budget_total_max') }),
  /** Every partner's total (call currency) is within the call's cap per partner. */
  z.object({ kind: z.literal('budget_partner_max') }),
  /** The project lasts no longer than the call's maximum duration. */
  z.object({ kind: z.literal('duration_max') }),
  /** Every required section has text and keeps within its word limit. */
  z.object({ kind: z.literal('sections_complete') }),
  /** Every required attachment is present. */
  z.object({ kind: z.literal('attachments_present') }),
]);
export type EligibilityRule = z.infer<typeof EligibilityRuleSchema>;
export type EligibilityRuleKind = EligibilityRule['kind'];
export const EligibilityRulesSchema = z.array(EligibilityRuleSchema);

/** The rules of a typical joint call. */
export const DEFAULT_ELIGIBILITY_RULES: readonly EligibilityRule[] = Object.freeze([
  { kind: 'min_partners_in_countries', countries: [JAPAN], min: 1 },
  { kind: 'min_distinct_countries', countries: 'ASEAN', min: 2 },
  { kind: 'min_agency_countries', min: 3 },
  { kind: 'lead_country_in', countries: [...KIZUNA_COUNTRIES] },
  { kind: 'partners_agency_participates' },
  { kind: 'budget_total_max' },
  { kind: 'budget_partner_max' },
  { kind: 'duration_max' },
  { kind: 'sections_complete' },
  { kind: 'attachments_present' },
] satisfies EligibilityRule[]);

export interface EligibilityPartnerFacts {
  id: string;
  countryCode: string;
  agencyId: string | null;
}

export interface EligibilityFacts {
  lead: { countryCode: string };
  /** Every partner, the lead included. */
  partners: readonly EligibilityPartnerFacts[];
  call: {
    agencies: readonly { id: string; countryCode: string }[];
    /** Money in the call currency; null: no cap. */
    capPerProposal: string | null;
    capPerPartner: string | null;
    maxDurationMonths: number;
    requiredSections: readonly { key: string; maxWords: number | null }[];
    requiredAttachments: readonly { key: string }[];
  };
  /** The result of computeBudget for the proposal's budget (in the call currency). */
  budget: Pick<BudgetResult, 'callCurrency' | 'grandTotal' | 'partners' | 'errors'>;
  /** null while not yet given. */
  durationMonths: number | null;
  /** Section key → text. */
  sections: Readonly<Record<string, string>>;
  /** Keys of the attachments present. */
  attachments: readonly string[];
}

export type EligibilityParams = Record<string, string | number | string[]>;

export interface EligibilityRuleResult {
  rule: EligibilityRule;
  passed: boolean;
  /** 'eligibility.<kind>' — stable, for i18n. */
  code: string;
  params: EligibilityParams;
}

export interface EligibilityReport {
  /** True when every rule passed (also when there are no rules). */
  eligible: boolean;
  /** One per rule, in the order of the rules. */
  results: EligibilityRuleResult[];
}

/**
 * Evaluates each rule on the facts. Params per kind (all present whether the rule passed or failed):
 * - min_partners_in_countries: countries, min, actual (partners in those countries)
 * - min_distinct_countries: countries (the list, or 'ASEAN'), min, actual, found (the distinct countries, sorted)
 * - min_agency_countries: min, actual, found, agencyCountries (the countries of the call's agencies)
 * - lead_country_in: countries, actual (the lead's country)
 * - partners_agency_participates: partnerIds, countries (of the partners not covered). A partner is covered when its
 *   agencyId is one of the call's agencies or, when it has no agency yet, when the call has an agency of its country.
 * - max_partners: max, actual
 * - budget_total_max: currency, actual (grand total), budgetErrors (count), and max unless the call has no cap (then it
 *   passes). With a cap, a budget with errors fails: lines left out of the totals make the check meaningless.
 * - budget_partner_max: currency, actual (the highest partner total), partnerIds (over the cap), budgetErrors, and max
 *   unless there is no cap; as above for errors.
 * - duration_max: max, and actual unless the duration is not given (then it fails).
 * - sections_complete: missing (keys without a word), tooLong (keys), and for each too long section
 *   `words.<key>` and `maxWords.<key>`. Words are counted by {@link countWords}.
 * - attachments_present: missing (keys).
 * A rule of an unknown kind (e.g. stored by a newer version) fails with code 'eligibility.unknown_rule', params {kind}.
 */
export function evaluateEligibility(rules: readonly EligibilityRule[], facts: EligibilityFacts): EligibilityReport {
  const results = rules.map((rule) => evaluateRule(rule, facts));
  return { eligible: results.every((r) => r.passed), results };
}

function evaluateRule(rule: EligibilityRule, facts: EligibilityFacts): EligibilityRuleResult {
  const result = (passed: boolean, params: EligibilityParams): EligibilityRuleResult => ({
    rule,
    passed,
    code: `eligibility.${rule.kind}`,
    params,
  });
  const partnerCountries = facts.partners.map((p) => p.countryCode);

  switch (rule.kind) {
    case 'min_partners_in_countries': {
      const wanted = new Set(rule.countries);
      const actual = partnerCountries.filter((c) => wanted.has(c)).length;
      return result(actual >= rule.min, { countries: [...rule.countries], min: rule.min, actual });
    }
    case 'min_distinct_countries': {
      const wanted = new Set<string>(rule.countries === 'ASEAN' ? ASEAN_COUNTRIES : rule.countries);
      const found = distinctSorted(partnerCountries.filter((c) => wanted.has(c)));
      return result(found.length >= rule.min, {
        countries: rule.countries === 'ASEAN' ? 'ASEAN' : [...rule.countries],
        min: rule.min,
        actual: found.length,
        found,
      });
    }
    case 'min_agency_countries': {
      const agencyCountries = distinctSorted(facts.call.agencies.map((a) => a.countryCode));
      const covered = new Set(agencyCountries);
      const found = distinctSorted(partnerCountries.filter((c) => covered.has(c)));
      return result(found.length >= rule.min, { min: rule.min, actual: found.length, found, agencyCountries });
    }
    case 'lead_country_in':
      return result(rule.countries.includes(facts.lead.countryCode), {
        countries: [...rule.countries],
        actual: facts.lead.countryCode,
      });
    case 'partners_agency_participates': {
      const agencyIds = new Set(facts.call.agencies.map((a) => a.id));
      const agencyCountries = new Set(facts.call.agencies.map((a) => a.countryCode));
      const uncovered = facts.partners.filter((p) =>
        p.agencyId === null ? !agencyCountries.has(p.countryCode) : !agencyIds.has(p.agencyId),
      );
      return result(uncovered.length === 0, {
        partnerIds: uncovered.map((p) => p.id),
        countries: distinctSorted(uncovered.map((p) => p.countryCode)),
      });
    }
    case 'max_partners':
      return result(facts.partners.length <= rule.max, { max: rule.max, actual: facts.partners.length });
    case 'budget_total_max': {
      const { budget } = facts;
      const cap = facts.call.capPerProposal;
      const params: EligibilityParams = {
        currency: budget.callCurrency,
        actual: budget.grandTotal,
        budgetErrors: budget.errors.length,
      };
      if (cap === null) return result(true, params);
      params.max = cap;
      return result(isMoney(cap) && budget.errors.length === 0 && compareMoney(budget.grandTotal, cap) <= 0, params);
    }
    case 'budget_partner_max': {
      const { budget } = facts;
      const cap = facts.call.capPerPartner;
      const highest = budget.partners.reduce(
        (max, p) => (compareMoney(p.callCurrency.total, max) > 0 ? p.callCurrency.total : max),
        '0',
      );
      const params: EligibilityParams = {
        currency: budget.callCurrency,
        actual: highest,
        partnerIds: [],
        budgetErrors: budget.errors.length,
      };
      if (cap === null) return result(true, params);
      if (!isMoney(cap)) return result(false, { ...params, max: String(cap) });
      const over = budget.partners.filter((p) => compareMoney(p.callCurrency.total, cap) > 0);
      return result(over.length === 0 && budget.errors.length === 0, {
        ...params,
        max: cap,
        partnerIds: over.map((p) => p.partnerId),
      });
    }
    case 'duration_max': {
      const max = facts.call.maxDurationMonths;
      const actual = facts.durationMonths;
      if (actual === null || !Number.isInteger(actual)) return result(false, { max });
      return result(actual >= 1 && actual <= max, { max, actual });
    }
    case 'sections_complete': {
      const missing: string[] = [];
      const tooLong: string[] = [];
      const counts: EligibilityParams = {};
      for (const { key, maxWords } of facts.call.requiredSections) {
        const text = Object.hasOwn(facts.sections, key) ? facts.sections[key] : undefined;
        const words = typeof text === 'string' ? countWords(text) : 0;
        if (words === 0) missing.push(key);
        else if (maxWords !== null && words > maxWords) {
          tooLong.push(key);
          counts[`words.${key}`] = words;
          counts[`maxWords.${key}`] = maxWords;
        }
      }
      return result(missing.length === 0 && tooLong.length === 0, { missing, tooLong, ...counts });
    }
    case 'attachments_present': {
      const present = new Set(facts.attachments);
      const missing = facts.call.requiredAttachments.map((a) => a.key).filter((key) => !present.has(key));
      return result(missing.length === 0, { missing });
    }
    default: {
      const kind = String((rule as { kind?: unknown }).kind);
      return { rule, passed: false, code: 'eligibility.unknown_rule', params: { kind } };
    }
  }
}

function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

let wordSegmenter: Intl.Segmenter | null | undefined;

// Han, kana and Hangul characters: each counts as one word when no Intl.Segmenter is available.
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Number of words in `text`, for section word limits in any of the platform's languages, Japanese and Thai included
 * (they are written without spaces between words).
 * - Where Intl.Segmenter exists (Node ≥ 16, every current browser): the word-like segments of Unicode word
 *   segmentation (UAX #29 with the ICU dictionaries for Japanese, Chinese, Thai, Lao, Khmer and Burmese), so
 *   "気候変動に関する研究" counts about one word per dictionary word (気候 / 変動 / に関する / 研究 → 4), not per
 *   character. Punctuation and spaces are never words.
 * - Otherwise: every Han, kana or Hangul character is a word, and other runs of letters and digits are words. Thai,
 *   Lao, Khmer and Burmese then count as one word per space-separated run: an undercount.
 * ICU versions differ slightly between engines, so a browser may count a word or two differently from the server on
 * CJK or Thai text; the server's count (the check at submission) is the one that decides.
 */
export function countWords(text: string): number {
  if (wordSegmenter === undefined) {
    wordSegmenter =
      typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter('und', { granularity: 'word' })
        : null;
  }
  if (wordSegmenter) {
    let words = 0;
    for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) words++;
    return words;
  }
  return countWordsWithoutSegmenter(text);
}

/** The fallback of {@link countWords}; exported for tests. */
export function countWordsWithoutSegmenter(text: string): number {
  const cjk = text.match(CJK_CHARACTER)?.length ?? 0;
  const rest = text.replace(CJK_CHARACTER, ' ').match(WORD)?.length ?? 0;
  return cjk + rest;
}
