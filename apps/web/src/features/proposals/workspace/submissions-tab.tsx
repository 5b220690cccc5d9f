import type { Call, Proposal } from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Submission } from '../../../api/proposals';
import { SelectField } from '../../../components/form';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { withParams } from '../../../lib/search-params';
import { moneyText, themeLabel, useCountryName, useViewerTimeZone } from '../../calls/call-text';
import { useSubmission } from '../use-submission';
import { BudgetSummary } from './budget-summary';
import { type Change, compareSnapshots, moneyDifference } from './compare';
import { EligibilityChecklist, type WorkspaceTab } from './eligibility-checklist';
import { SubmissionList } from './submit-tab';
import { WorkPlanView } from './work-plan-tab';

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function ChangeBadge({ change }: { change: Change }) {
  const { t } = useTranslation();
  return (
    <span className={`badge change-${change}`} data-change={change}>
      {t(`proposals.compare.change.${change}`)}
    </span>
  );
}

/** One submission as it was frozen: read-only. */
function SnapshotView({ submission, call }: { submission: Submission; call: Call }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const { proposal, budget, eligibility } = submission.snapshot;
  const sectionTitle = (key: string) => call.sections.find((s) => s.key === key)?.title ?? key;
  return (
    <article className="stack snapshot" data-testid="snapshot" aria-labelledby="snapshot-title">
      <h2 id="snapshot-title">
        {t('proposals.submissions.snapshotTitle', {
          number: submission.number,
          time: formatDateTime(submission.submittedAt, { timeZone: viewerTimeZone, locale }),
        })}
      </h2>
      <p className="muted">{t('proposals.submissions.readOnly')}</p>
      <dl className="facts card">
        <dt>{t('proposals.fields.title')}</dt>
        <dd>{proposal.title}</dd>
        <dt>{t('proposals.fields.acronym')}</dt>
        <dd>{proposal.acronym}</dd>
        <dt>{t('proposals.fields.theme')}</dt>
        <dd>{themeLabel(t, proposal.theme)}</dd>
        <dt>{t('proposals.fields.durationMonths')}</dt>
        <dd>
          {proposal.durationMonths === null ? t('common.none') : t('calls.months', { months: proposal.durationMonths })}
        </dd>
        <dt>{t('proposals.fields.keywords')}</dt>
        <dd>{proposal.keywords.join(', ') || t('common.none')}</dd>
        <dt>{t('proposals.fields.abstract')}</dt>
        <dd className="pre-wrap">{proposal.abstract || t('common.none')}</dd>
      </dl>
      <section className="card stack-tight">
        <h3>{t('proposals.tabs.consortium')}</h3>
        <ul className="plain-list">
          {proposal.partners.map((partner) => (
            <li key={partner.id}>
              {partner.institution.name}{' '}
              <span className="muted small">{countryName(partner.institution.countryCode)}</span>{' '}
              {partner.role === 'LEAD' && <span className="tag">{t('proposals.consortium.lead')}</span>}
            </li>
          ))}
        </ul>
      </section>
      {proposal.sections.map((section) => (
        <section key={section.key} className="card stack-tight" data-testid={`snapshot-section-${section.key}`}>
          <h3>{sectionTitle(section.key)}</h3>
          <div className="pre-wrap">
            {section.content || <span className="muted">{t('proposals.sections.empty')}</span>}
          </div>
        </section>
      ))}
      {proposal.attachments.length > 0 && (
        <section className="card stack-tight">
          <h3>{t('proposals.tabs.attachments')}</h3>
          <ul className="plain-list">
            {proposal.attachments.map((attachment) => (
              <li key={attachment.key}>
                {call.attachments.find((a) => a.key === attachment.key)?.title ?? attachment.key}: {attachment.fileName}{' '}
                <code className="small muted">{attachment.sha256.slice(0, 12)}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* Submissions made before work plans existed have none: nothing to show then. */}
      {proposal.workPlan && (
        <section className="card stack-tight" data-testid="snapshot-work-plan">
          <h3>{t('proposals.tabs.work-plan')}</h3>
          <WorkPlanView plan={proposal.workPlan} partners={proposal.partners} />
        </section>
      )}
      <BudgetSummary result={budget.summary} proposal={proposal} call={call} source="snapshot" />
      <section className="stack-tight">
        <h3>{t('proposals.tabs.checklist')}</h3>
        <EligibilityChecklist report={eligibility} call={call} proposal={proposal} />
      </section>
    </article>
  );
}

function CompareView({ a, b, call }: { a: Submission; b: Submission; call: Call }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const comparison = compareSnapshots(a.snapshot, b.snapshot);
  const { budget } = comparison;
  const sectionTitle = (key: string) => call.sections.find((s) => s.key === key)?.title ?? key;
  let difference = '';
  try {
    const { sign, amount } = moneyDifference(budget.totalA, budget.totalB);
    difference = `${sign < 0 ? '−' : '+'}${moneyText(amount, budget.currency, locale)}`;
  } catch {
    difference = '';
  }
  return (
    <article className="stack" data-testid="comparison" aria-labelledby="compare-title">
      <h2 id="compare-title">{t('proposals.compare.title', { a: a.number, b: b.number })}</h2>
      <div className="table-wrap">
        <table>
          <caption>{t('proposals.compare.parts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proposals.compare.part')}</th>
              <th scope="col">{t('proposals.compare.result')}</th>
              <th scope="col">{t('proposals.compare.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.header.map((row) => (
              <tr key={row.field} data-testid={`compare-field-${row.field}`} data-change={row.change}>
                <th scope="row">{t(`proposals.fields.${row.field}`)}</th>
                <td>
                  <ChangeBadge change={row.change} />
                </td>
                <td />
              </tr>
            ))}
            {comparison.sections.map((row) => (
              <tr key={row.key} data-testid={`compare-section-${row.key}`} data-change={row.change}>
                <th scope="row">{sectionTitle(row.key)}</th>
                <td>
                  <ChangeBadge change={row.change} />
                </td>
                <td className="small muted">
                  {t('proposals.compare.words', {
                    a: formatNumber(row.wordsA, locale),
                    b: formatNumber(row.wordsB, locale),
                  })}
                </td>
              </tr>
            ))}
            {comparison.partners
              .filter((row) => row.change !== 'unchanged')
              .map((row) => (
                <tr key={row.institution} data-testid="compare-partner" data-change={row.change}>
                  <th scope="row">
                    {row.institution} <span className="muted small">{countryName(row.countryCode)}</span>
                  </th>
                  <td>
                    <ChangeBadge change={row.change} />
                  </td>
                  <td />
                </tr>
              ))}
            {comparison.attachments.map((row) => (
              <tr key={row.key} data-testid={`compare-attachment-${row.key}`} data-change={row.change}>
                <th scope="row">{call.attachments.find((x) => x.key === row.key)?.title ?? row.key}</th>
                <td>
                  <ChangeBadge change={row.change} />
                </td>
                <td className="small muted">{[row.fileA, row.fileB].filter(Boolean).join(' → ')}</td>
              </tr>
            ))}
            <tr data-testid="compare-budget" data-change={budget.change}>
              <th scope="row">{t('proposals.compare.budget')}</th>
              <td>
                <ChangeBadge change={budget.change} />
              </td>
              <td>
                {t('proposals.compare.totals', {
                  a: moneyText(budget.totalA, budget.currency, locale),
                  b: moneyText(budget.totalB, budget.currency, locale),
                })}{' '}
                {budget.totalA !== budget.totalB && <span className="muted">({difference})</span>}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </article>
  );
}

function OneSubmission({ proposalId, number, call }: { proposalId: string; number: number; call: Call }) {
  const submission = useSubmission(proposalId, number);
  if (submission.isPending) return <Loading />;
  if (submission.isError) return <ErrorState error={submission.error} onRetry={() => void submission.refetch()} />;
  return <SnapshotView submission={submission.data} call={call} />;
}

function Comparison({ proposalId, a, b, call }: { proposalId: string; a: number; b: number; call: Call }) {
  const first = useSubmission(proposalId, a);
  const second = useSubmission(proposalId, b);
  if (first.isPending || second.isPending) return <Loading />;
  if (first.isError) return <ErrorState error={first.error} onRetry={() => void first.refetch()} />;
  if (second.isError) return <ErrorState error={second.error} onRetry={() => void second.refetch()} />;
  return <CompareView a={first.data} b={second.data} call={call} />;
}

/** The submissions: each one's frozen snapshot, and any two compared. */
export function SubmissionsTab({
  proposal,
  call,
  tabHref,
}: {
  proposal: Proposal;
  call: Call;
  tabHref: (tab: WorkspaceTab) => string;
}) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const count = proposal.submissions.length;
  const inRange = (n: number | undefined) => (n !== undefined && n <= count ? n : undefined);
  const number = inRange(positive(searchParams.get('number')));
  const a = inRange(positive(searchParams.get('a')));
  const b = inRange(positive(searchParams.get('b')));
  const [pickA, setPickA] = useState(String(a ?? Math.max(1, count - 1)));
  const [pickB, setPickB] = useState(String(b ?? count));

  if (count === 0) {
    return (
      <EmptyState>
        <p>{t('proposals.submissions.none')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <SubmissionList proposal={proposal} tabHref={tabHref} />
      {count >= 2 && (
        <form
          className="toolbar"
          aria-label={t('proposals.compare.form')}
          onSubmit={(event) => {
            event.preventDefault();
            setSearchParams(withParams(new URLSearchParams(), { a: pickA, b: pickB }));
          }}
        >
          <SelectField label={t('proposals.compare.first')} value={pickA} onChange={(e) => setPickA(e.target.value)}>
            {proposal.submissions.map((s) => (
              <option key={s.number} value={s.number}>
                {t('proposals.compare.option', { number: s.number })}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('proposals.compare.second')} value={pickB} onChange={(e) => setPickB(e.target.value)}>
            {proposal.submissions.map((s) => (
              <option key={s.number} value={s.number}>
                {t('proposals.compare.option', { number: s.number })}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t('proposals.compare.submit')}
          </button>
        </form>
      )}
      {a !== undefined && b !== undefined ? (
        <>
          <p>
            <Link to={tabHref('submissions')}>{t('proposals.submissions.back')}</Link>
          </p>
          <Comparison proposalId={proposal.id} a={Math.min(a, b)} b={Math.max(a, b)} call={call} />
        </>
      ) : number !== undefined ? (
        <>
          <p>
            <Link to={tabHref('submissions')}>{t('proposals.submissions.back')}</Link>
          </p>
          <OneSubmission proposalId={proposal.id} number={number} call={call} />
        </>
      ) : null}
    </div>
  );
}
