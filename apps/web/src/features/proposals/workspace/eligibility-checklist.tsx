import type { Call, EligibilityReport, EligibilityRuleKind, Locale, Proposal } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../../i18n';
import { formatList } from '../../../lib/format';
import { moneyText, ruleText, useCountryName } from '../../calls/call-text';

type Result = EligibilityReport['results'][number];
type Params = Result['params'];

export type WorkspaceTab =
  | 'overview'
  | 'consortium'
  | 'sections'
  | 'work-plan'
  | 'budget'
  | 'attachments'
  | 'checklist'
  | 'submit'
  | 'submissions';

/** Where a rule of each kind is met or fixed. */
export const RULE_TAB: Record<EligibilityRuleKind, WorkspaceTab> = {
  min_partners_in_countries: 'consortium',
  min_distinct_countries: 'consortium',
  min_agency_countries: 'consortium',
  lead_country_in: 'consortium',
  partners_agency_participates: 'consortium',
  max_partners: 'consortium',
  budget_total_max: 'budget',
  budget_partner_max: 'budget',
  duration_max: 'overview',
  sections_complete: 'sections',
  attachments_present: 'attachments',
};

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

interface DetailContext {
  call: Pick<Call, 'sections' | 'attachments' | 'currency'>;
  partners: Proposal['partners'];
  countryName: (code: string) => string;
  locale: Locale;
}

/** What the rule's params say about the proposal now: the actual values, and what is missing. */
export function resultDetails(t: TFunction, result: Result, ctx: DetailContext): string[] {
  const p: Params = result.params;
  const { locale, countryName } = ctx;
  const countries = (value: unknown) => formatList(list(value).map(countryName), locale);
  const currency = text(p.currency) || ctx.call.currency;
  const money = (value: unknown) => moneyText(text(value), currency, locale);
  const budgetErrors = Number(p.budgetErrors ?? 0);
  const out: string[] = [];
  switch (result.rule.kind) {
    case 'min_partners_in_countries':
      out.push(t('proposals.checklist.detail.partnersIn', { actual: text(p.actual), min: text(p.min) }));
      break;
    case 'min_distinct_countries':
      out.push(
        list(p.found).length === 0
          ? t('proposals.checklist.detail.noCountries')
          : t('proposals.checklist.detail.countries', { actual: text(p.actual), found: countries(p.found) }),
      );
      break;
    case 'min_agency_countries':
      out.push(
        list(p.found).length === 0
          ? t('proposals.checklist.detail.noCountries')
          : t('proposals.checklist.detail.countries', { actual: text(p.actual), found: countries(p.found) }),
      );
      out.push(t('proposals.checklist.detail.agencyCountries', { countries: countries(p.agencyCountries) }));
      break;
    case 'lead_country_in':
      out.push(
        p.actual
          ? t('proposals.checklist.detail.leadIn', { country: countryName(text(p.actual)) })
          : t('proposals.checklist.detail.noLead'),
      );
      break;
    case 'partners_agency_participates':
      if (!result.passed) {
        out.push(t('proposals.checklist.detail.noAgency', { countries: countries(p.countries) }));
      }
      break;
    case 'max_partners':
      out.push(t('proposals.checklist.detail.partners', { actual: text(p.actual), max: text(p.max) }));
      break;
    case 'budget_total_max':
      out.push(
        p.max === undefined
          ? t('proposals.checklist.detail.totalNoCap', { actual: money(p.actual) })
          : t('proposals.checklist.detail.total', { actual: money(p.actual), max: money(p.max) }),
      );
      if (budgetErrors > 0) out.push(t('proposals.checklist.detail.budgetErrors', { errors: budgetErrors }));
      break;
    case 'budget_partner_max': {
      out.push(
        p.max === undefined
          ? t('proposals.checklist.detail.highestNoCap', { actual: money(p.actual) })
          : t('proposals.checklist.detail.highest', { actual: money(p.actual), max: money(p.max) }),
      );
      const over = list(p.partnerIds).map(
        (id) => ctx.partners.find((partner) => partner.id === id)?.institution.name ?? id,
      );
      if (over.length > 0) out.push(t('proposals.checklist.detail.overCap', { partners: formatList(over, locale) }));
      if (budgetErrors > 0) out.push(t('proposals.checklist.detail.budgetErrors', { errors: budgetErrors }));
      break;
    }
    case 'duration_max':
      out.push(
        p.actual === undefined
          ? t('proposals.checklist.detail.noDuration', { max: text(p.max) })
          : t('proposals.checklist.detail.duration', { actual: text(p.actual), max: text(p.max) }),
      );
      break;
    case 'sections_complete': {
      const title = (key: string) => ctx.call.sections.find((s) => s.key === key)?.title ?? key;
      const missing = list(p.missing);
      if (missing.length > 0) {
        out.push(t('proposals.checklist.detail.sectionsMissing', { sections: formatList(missing.map(title), locale) }));
      }
      for (const key of list(p.tooLong)) {
        out.push(
          t('proposals.checklist.detail.sectionTooLong', {
            section: title(key),
            words: text(p[`words.${key}`]),
            max: text(p[`maxWords.${key}`]),
          }),
        );
      }
      break;
    }
    case 'attachments_present': {
      const missing = list(p.missing).map((key) => ctx.call.attachments.find((a) => a.key === key)?.title ?? key);
      if (missing.length > 0) {
        out.push(t('proposals.checklist.detail.attachmentsMissing', { attachments: formatList(missing, locale) }));
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * The call's rules, each passed or failed, with what the server found (the same engine as at submission).
 * Browser tests: `eligibility-checklist` (data-eligible), `checklist-item` (data-rule-kind, data-passed).
 */
export function EligibilityChecklist({
  report,
  call,
  proposal,
  tabHref,
}: {
  report: EligibilityReport;
  call: Call;
  proposal: Pick<Proposal, 'partners'>;
  /** Where to fix a failed rule; no links when absent (a snapshot). */
  tabHref?: (tab: WorkspaceTab) => string;
}) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const locale = currentLocale();
  const failed = report.results.filter((r) => !r.passed).length;
  return (
    <div className="stack" data-testid="eligibility-checklist" data-eligible={report.eligible}>
      <div
        className={report.eligible ? 'alert alert-success' : 'alert alert-warning'}
        role="status"
        data-testid="checklist-verdict"
      >
        <p>
          {report.results.length === 0
            ? t('proposals.checklist.noRules')
            : report.eligible
              ? t('proposals.checklist.allPassed')
              : t('proposals.checklist.failing', { failed, total: report.results.length })}
        </p>
      </div>
      <ul className="checklist">
        {report.results.map((result, index) => {
          const details = resultDetails(t, result, { call, partners: proposal.partners, countryName, locale });
          const tab = RULE_TAB[result.rule.kind as EligibilityRuleKind];
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity besides their position.
              key={index}
              className={result.passed ? 'checklist-item checklist-passed' : 'checklist-item checklist-failed'}
              data-testid="checklist-item"
              data-rule-kind={result.rule.kind}
              data-passed={result.passed}
            >
              <span className="checklist-mark" aria-hidden="true">
                {result.passed ? '✓' : '✗'}
              </span>
              <div className="stack-tight">
                <span>
                  <span className="visually-hidden">
                    {result.passed ? t('proposals.checklist.passed') : t('proposals.checklist.failed')}:{' '}
                  </span>
                  {ruleText(t, result.rule, countryName, locale)}
                </span>
                {details.map((detail) => (
                  <span key={detail} className="small muted">
                    {detail}
                  </span>
                ))}
                {!result.passed && tab && tabHref && (
                  <Link className="small" to={tabHref(tab)}>
                    {t('proposals.checklist.fixIn', { tab: t(`proposals.tabs.${tab}`) })}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
