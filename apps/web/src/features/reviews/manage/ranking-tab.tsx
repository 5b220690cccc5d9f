import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, DecisionBodySchema, DecisionOutcomeSchema } from '@kizuna/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { type FundingPlan, type Ranking, type RankingRow, rankingExportUrl } from '../../../api/reviews';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { RadioGroupField, SubmitButton, SuccessMessage, TextAreaField } from '../../../components/form';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { applyServerErrors, zodIssueOptions } from '../../../lib/form-errors';
import { formatList } from '../../../lib/format';
import { moneyText, useCountryName } from '../../calls/call-text';
import { ScoreValue } from '../review-parts';
import { managerPanelPath, outcomeClass, scoreText } from '../review-text';
import { ActionError } from './assignment-tab';
import { useDecide, useReleaseDecisions } from './use-evaluation-actions';
import { useFundingPlan, useRanking } from './use-evaluation-queries';

type DecisionInput = z.input<typeof DecisionBodySchema>;
const OUTCOMES = DecisionOutcomeSchema.options;

/** The decision on one proposal: funded, reserve or not funded, with a reason (audited). */
function DecisionDialog({
  callId,
  row,
  onDone,
  onCancel,
}: {
  callId: string;
  row: RankingRow;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const decide = useDecide(callId);
  const form = useForm<DecisionInput>({
    resolver: zodResolver(DecisionBodySchema, zodIssueOptions),
    defaultValues: { outcome: row.decision?.outcome ?? 'FUNDED', reason: row.decision?.reason ?? '' },
  });
  const { errors } = form.formState;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
    };
  }, []);

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await decide.mutateAsync({ proposalId: row.proposal.id, body });
      onDone();
    } catch (error) {
      applyServerErrors(error, form.setError, ['outcome', 'reason']);
    }
  });

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="decision-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!decide.isPending) onCancel();
      }}
    >
      <form onSubmit={onSubmit} noValidate className="stack">
        <h2 id={`${id}-title`}>{t('reviews.manage.ranking.decisionTitle', { acronym: row.proposal.acronym })}</h2>
        <ActionError error={decide.error} />
        <RadioGroupField
          legend={t('reviews.manage.ranking.outcome')}
          options={OUTCOMES.map((value) => ({ value, label: t(`proposals.status.${value}`) }))}
          error={errors.outcome}
          registration={form.register('outcome')}
        />
        <TextAreaField
          label={t('reviews.manage.ranking.reason')}
          hint={t('reviews.manage.ranking.reasonHint')}
          rows={4}
          maxLength={2000}
          error={errors.reason}
          {...form.register('reason')}
        />
        <div className="actions">
          <SubmitButton pending={decide.isPending} label={t('reviews.manage.ranking.saveDecision')} />
          <button type="button" className="button" disabled={decide.isPending} onClick={onCancel}>
            {t('reviews.decline.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * The ranking: raw mean and calibrated score side by side with their ranks, a flag where reviewers disagree widely,
 * the consensus report's state, the requested total and, per row, the decision. Browser tests: `ranking-table`,
 * `ranking-row` (data-selected), `raw-mean`, `calibrated`, `disagreement`.
 */
export function RankingTable({
  ranking,
  selected,
  onDecide,
  callId,
}: {
  ranking: Ranking;
  selected: ReadonlySet<string>;
  onDecide?: (row: RankingRow) => void;
  /** With it, each proposal links to its panel (reviews, discussion, consensus). */
  callId?: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const max = ranking.scale.max;
  return (
    <div className="table-wrap">
      <table data-testid="ranking-table">
        <caption className="visually-hidden">{t('reviews.manage.ranking.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('reviews.manage.ranking.rank')}
            </th>
            <th scope="col">{t('reviews.manage.ranking.proposal')}</th>
            <th scope="col" className="numeric">
              {t('reviews.manage.ranking.reviews')}
            </th>
            <th scope="col" className="numeric">
              {t('reviews.manage.ranking.rawMean')}
            </th>
            <th scope="col" className="numeric">
              {t('reviews.manage.ranking.calibrated')}
            </th>
            <th scope="col" className="numeric">
              {t('reviews.manage.ranking.spread')}
            </th>
            <th scope="col">{t('reviews.manage.ranking.consensus')}</th>
            <th scope="col" className="numeric">
              {t('reviews.manage.ranking.requested')}
            </th>
            <th scope="col">{t('reviews.manage.ranking.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.rows.map((row) => {
            const inPlan = selected.has(row.proposal.id);
            return (
              <tr
                key={row.proposal.id}
                className={inPlan ? 'row-selected' : undefined}
                data-testid="ranking-row"
                data-proposal-id={row.proposal.id}
                data-selected={inPlan}
              >
                <td className="numeric">
                  <strong>{row.rankCalibrated ?? t('common.none')}</strong>
                  <br />
                  <span className="small muted">
                    {t('reviews.manage.ranking.rawRank', { rank: row.rankRaw ?? t('common.none') })}
                  </span>
                </td>
                <th scope="row">
                  {row.proposal.acronym}
                  {inPlan && <span className="tag small"> {t('reviews.manage.ranking.inPlan')}</span>}
                  <br />
                  <span className="small muted">{row.proposal.title}</span>
                  <br />
                  <span className="small muted">{formatList(row.proposal.countries.map(countryName), locale)}</span>
                  {callId && (
                    <>
                      <br />
                      <Link
                        className="small"
                        to={managerPanelPath(callId, row.proposal.id)}
                        aria-label={t('reviews.manage.openPanelLabel', { acronym: row.proposal.acronym })}
                        data-testid="open-panel"
                      >
                        {t('reviews.manage.openPanel')}
                      </Link>
                    </>
                  )}
                </th>
                <td className="numeric">{row.reviews}</td>
                <td className="numeric" data-testid="raw-mean">
                  <ScoreValue value={row.rawMean} />
                </td>
                <td className="numeric" data-testid="calibrated">
                  <ScoreValue value={row.calibrated} />
                </td>
                <td className="numeric">
                  {row.spread === null ? t('common.none') : scoreText(row.spread, locale)}
                  {row.disagreement && (
                    <>
                      <br />
                      <span
                        className="badge badge-closed"
                        data-testid="disagreement"
                        title={t('reviews.manage.ranking.disagreementHint')}
                      >
                        {t('reviews.manage.ranking.disagreement')}
                      </span>
                    </>
                  )}
                </td>
                <td>{t(`reviews.consensusStatus.${row.consensus}`)}</td>
                <td className="numeric">{moneyText(row.proposal.total, ranking.currency, locale)}</td>
                <td>
                  {row.decision ? (
                    <>
                      <span className={outcomeClass(row.decision.outcome)} data-testid="decision">
                        {t(`proposals.status.${row.decision.outcome}`)}
                      </span>
                      <br />
                      <span className="small pre-wrap">{row.decision.reason}</span>
                    </>
                  ) : (
                    <span className="muted">{t('reviews.manage.ranking.undecided')}</span>
                  )}
                  {onDecide && (
                    <>
                      <br />
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('reviews.manage.ranking.decideLabel', { acronym: row.proposal.acronym })}
                        onClick={() => onDecide(row)}
                      >
                        {row.decision ? t('reviews.manage.ranking.change') : t('reviews.manage.ranking.decide')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small muted table-note">{t('reviews.manage.ranking.scaleNote', { min: ranking.scale.min, max })}</p>
    </div>
  );
}

/** The funding plan: what fits every agency's envelope with the most calibrated merit, and why others were left out. */
function FundingPlanView({ plan, ranking }: { plan: FundingPlan; ranking: Ranking }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const acronym = (id: string) => ranking.rows.find((r) => r.proposal.id === id)?.proposal.acronym ?? id;
  return (
    <div className="stack-tight" data-testid="funding-plan">
      <p>
        <span className={plan.optimal ? 'badge badge-open' : 'badge badge-published'}>
          {plan.optimal ? t('reviews.manage.ranking.optimal') : t('reviews.manage.ranking.notOptimal')}
        </span>{' '}
        {t('reviews.manage.ranking.planSummary', {
          count: plan.selected.length,
          merit: scoreText(plan.totalMerit, locale),
        })}
      </p>
      {plan.selected.length > 0 && (
        <p className="small">
          {t('reviews.manage.ranking.planSelected', { proposals: formatList(plan.selected.map(acronym), locale) })}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="funding-plan-agencies">
          <thead>
            <tr>
              <th scope="col">{t('reviews.manage.ranking.agency')}</th>
              <th scope="col" className="numeric">
                {t('reviews.manage.ranking.envelope')}
              </th>
              <th scope="col" className="numeric">
                {t('reviews.manage.ranking.committed')}
              </th>
              <th scope="col" className="numeric">
                {t('reviews.manage.ranking.remaining')}
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.agencies.map((agency) => (
              <tr key={agency.agencyId}>
                <th scope="row">{agency.acronym}</th>
                <td className="numeric">{moneyText(agency.envelope, ranking.currency, locale)}</td>
                <td className="numeric">{moneyText(agency.committed, ranking.currency, locale)}</td>
                <td className="numeric">{moneyText(agency.remaining, ranking.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.explanations.length > 0 && (
        <>
          <h3>{t('reviews.manage.ranking.skippedTitle')}</h3>
          <ul data-testid="funding-plan-explanations">
            {plan.explanations.map((explanation) => (
              <li key={explanation.proposalId}>
                <strong>{acronym(explanation.proposalId)}</strong>:{' '}
                <span data-testid="funding-plan-reason" data-reason={explanation.reason}>
                  {t(`reviews.manage.ranking.skipReason.${explanation.reason}`)}
                </span>
                {explanation.exceeded.length > 0 && (
                  <>
                    {' '}
                    <span className="small">
                      {t('reviews.manage.ranking.exceeded', {
                        agencies: formatList(
                          explanation.exceeded.map((e) =>
                            t('reviews.manage.ranking.exceededBy', {
                              agency: e.acronym,
                              amount: moneyText(e.by, ranking.currency, locale),
                            }),
                          ),
                          locale,
                        ),
                      })}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function minMeritValue(text: string): number | undefined {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? undefined : value;
}

/** Ranking & decisions: the ranking, the funding plan, a decision per proposal, and releasing them all. */
export function RankingTab({ call }: { call: Call }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const ranking = useRanking(call.id);
  const [minMeritText, setMinMeritText] = useState('');
  const [minMerit, setMinMerit] = useState<number | undefined>(undefined);
  const plan = useFundingPlan(call.id, minMerit);
  const release = useReleaseDecisions(call.id);
  const [deciding, setDeciding] = useState<RankingRow | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (ranking.isPending) return <Loading />;
  if (ranking.isError) return <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />;
  const data = ranking.data;
  const selected = new Set(plan.data?.selected ?? []);
  const undecided = data.rows.filter((row) => !row.decision).length;

  return (
    <div className="stack">
      <div className="section-head">
        <h2>{t('reviews.manage.ranking.title')}</h2>
        <div className="actions">
          <a className="button" href={rankingExportUrl(call.id, 'csv')} download data-testid="ranking-export-csv">
            {t('reviews.manage.ranking.exportCsv')}
          </a>
          <a className="button" href={rankingExportUrl(call.id, 'xlsx')} download data-testid="ranking-export-xlsx">
            {t('reviews.manage.ranking.exportXlsx')}
          </a>
        </div>
      </div>
      <p className="muted small">{t('reviews.manage.ranking.intro')}</p>
      {data.released && (
        <p className="alert alert-success" role="status" data-testid="decisions-released">
          {t('reviews.manage.ranking.released')}
        </p>
      )}
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      {data.rows.length === 0 ? (
        <EmptyState>
          <p data-testid="ranking-empty">{t('reviews.manage.ranking.empty')}</p>
        </EmptyState>
      ) : (
        <RankingTable
          ranking={data}
          callId={call.id}
          selected={selected}
          onDecide={
            data.released
              ? undefined
              : (row) => {
                  setNotice(null);
                  setDeciding(row);
                }
          }
        />
      )}

      {data.reviewers.length > 0 && (
        <details className="card">
          <summary>{t('reviews.manage.ranking.calibrationTitle')}</summary>
          <p className="muted small">{t('reviews.manage.ranking.calibrationIntro')}</p>
          <div className="table-wrap">
            <table data-testid="calibration-offsets">
              <thead>
                <tr>
                  <th scope="col">{t('reviews.manage.ranking.reviewer')}</th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.ranking.offset')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.ranking.reviews')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.reviewers.map((reviewer) => (
                  <tr key={reviewer.label}>
                    <th scope="row">{reviewer.label}</th>
                    <td className="numeric">
                      {reviewer.offset > 0 ? '+' : ''}
                      {scoreText(reviewer.offset, locale)}
                    </td>
                    <td className="numeric">{reviewer.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}

      <section className="card stack-tight" aria-labelledby="funding-plan-title">
        <h2 id="funding-plan-title">{t('reviews.manage.ranking.planTitle')}</h2>
        <p className="muted small">{t('reviews.manage.ranking.planIntro')}</p>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            setMinMerit(minMeritValue(minMeritText));
          }}
        >
          <div className="field">
            <label htmlFor="funding-plan-min-merit">{t('reviews.manage.ranking.minMerit')}</label>
            <input
              id="funding-plan-min-merit"
              type="number"
              step="0.01"
              min={data.scale.min}
              max={data.scale.max}
              value={minMeritText}
              onChange={(event) => setMinMeritText(event.target.value)}
            />
          </div>
          <button type="submit" className="button">
            {t('reviews.manage.ranking.applyMinMerit')}
          </button>
        </form>
        {plan.isPending ? (
          <Loading />
        ) : plan.isError ? (
          <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
        ) : (
          <FundingPlanView plan={plan.data} ranking={data} />
        )}
      </section>

      <section className="card stack-tight" aria-labelledby="release-title">
        <h2 id="release-title">{t('reviews.manage.ranking.releaseTitle')}</h2>
        <p className="muted small">{t('reviews.manage.ranking.releaseIntro')}</p>
        {undecided > 0 && !data.released && (
          <p className="small" data-testid="undecided">
            {t('reviews.manage.ranking.undecidedCount', { count: undecided })}
          </p>
        )}
        <ActionError error={release.error} />
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={data.released || undecided > 0 || data.rows.length === 0 || release.isPending}
            onClick={() => {
              release.reset();
              setConfirming(true);
            }}
          >
            {t('reviews.manage.ranking.release')}
          </button>
        </div>
      </section>

      {deciding && (
        <DecisionDialog
          callId={call.id}
          row={deciding}
          onCancel={() => setDeciding(null)}
          onDone={() => {
            setNotice(t('reviews.manage.ranking.decided', { acronym: deciding.proposal.acronym }));
            setDeciding(null);
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('reviews.manage.ranking.releaseConfirmTitle')}
          confirmLabel={t('reviews.manage.ranking.releaseConfirm')}
          cancelLabel={t('reviews.decline.cancel')}
          pending={release.isPending}
          testId="release-dialog"
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            release.mutate(undefined, {
              onSuccess: ({ released }) => setNotice(t('reviews.manage.ranking.releasedCount', { count: released })),
              onSettled: () => setConfirming(false),
            })
          }
        >
          <p>{t('reviews.manage.ranking.releaseConfirmBody', { count: data.rows.length })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
