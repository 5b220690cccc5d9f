import { type AssignmentRunResult, AssignmentRunResultSchema, type Call, JobRunStatusSchema } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { AssignmentBoard, AssignmentRow, BoardProposal } from '../../../api/reviews';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { JobProgress } from '../../../components/job-progress';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { isFinished, useJobRun } from '../../../components/use-job-run';
import { currentLocale } from '../../../i18n';
import { formatDateTime, formatList, formatNumber } from '../../../lib/format';
import { useCountryName, useViewerTimeZone } from '../../calls/call-text';
import { AssignmentStatusBadge } from '../review-parts';
import { affinityText, managerPanelPath } from '../review-text';
import { useAddAssignment, useRemoveAssignment, useRunAssignment, useSendInvitations } from './use-evaluation-actions';
import { useBoard, useReplacements } from './use-evaluation-queries';

/**
 * The error of an action. A 409 the API explains (already assigned, conflicted, same institution, no load left,
 * call not in review…) shows its reason as the API wrote it; anything else the usual translated message.
 */
export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (
    error instanceof ApiError &&
    error.status === 409 &&
    error.code === 'conflict' &&
    error.problem.detail &&
    !error.problem.errors?.some((e) => e.code === 'stale_version')
  ) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{t('reviews.manage.refused')}</p>
        <p data-testid="conflict-detail">{error.problem.detail}</p>
      </div>
    );
  }
  return <ErrorAlert error={error} />;
}

type Infeasibility = AssignmentRunResult['infeasibility'];
/** One cause of infeasibility: a stable code with its params (the English `reason` is for logs and the CLI). */
type Cause =
  | Infeasibility['global'][number]
  | Pick<Infeasibility['proposals'][number], 'code' | 'params'>
  | Pick<Infeasibility['reviewers'][number], 'code' | 'params'>;

/** A cause of infeasibility in the user's language, from its code and params. */
function CauseText({ cause }: { cause: Cause }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const p = cause.params;
  const n = (name: string) => Number(p[name] ?? 0);
  const key = 'reviews.manage.assignment.causes';
  switch (cause.code) {
    case 'total_capacity_short':
      return (
        <>
          {t(`${key}.total_capacity_short`, {
            capacity: n('capacity'),
            places: n('places'),
            proposals: n('proposals'),
          })}
        </>
      );
    case 'total_min_load_excess':
      return (
        <>
          {t(`${key}.total_min_load_excess`, { minLoad: n('minLoad'), places: n('places'), proposals: n('proposals') })}
        </>
      );
    case 'no_candidates':
      return <>{t(`${key}.no_candidates`, { required: n('required') })}</>;
    case 'too_few_candidates':
      return (
        <>
          {t(`${key}.too_few_candidates`, {
            usable: n('usable'),
            candidates: n('candidates'),
            conflicted: n('conflicted'),
            required: n('required'),
          })}
        </>
      );
    case 'too_few_with_capacity':
      return (
        <>
          {t(`${key}.too_few_with_capacity`, {
            withCapacity: n('withCapacity'),
            usable: n('usable'),
            required: n('required'),
          })}
        </>
      );
    case 'too_few_countries':
      return <>{t(`${key}.too_few_countries`, { countries: n('countries'), required: n('required') })}</>;
    case 'too_few_institutions':
      return <>{t(`${key}.too_few_institutions`, { institutions: n('institutions'), required: n('required') })}</>;
    case 'no_outside_candidate': {
      const codes = String(p.countries ?? '')
        .split(/,\s*/)
        .filter(Boolean);
      return <>{t(`${key}.no_outside_candidate`, { countries: formatList(codes.map(countryName), locale) })}</>;
    }
    case 'capacity_taken':
      return <>{t(`${key}.capacity_taken`, { usable: n('usable'), required: n('required') })}</>;
    case 'too_few_candidate_proposals':
      return (
        <>
          {t(`${key}.too_few_candidate_proposals`, {
            usable: n('usable'),
            minLoad: n('minLoad'),
            conflicted: n('conflicted'),
            needNobody: n('needNobody'),
          })}
        </>
      );
    case 'places_taken':
      return (
        <>
          {p.rule === 'onePerCountry'
            ? t(`${key}.places_taken_country`, { usable: n('usable') })
            : p.rule === 'onePerInstitution'
              ? t(`${key}.places_taken_institution`, { usable: n('usable') })
              : t(`${key}.places_taken`, { usable: n('usable') })}
        </>
      );
    default:
      return null;
  }
}

/** What the last assignment run found: its objective, whether every constraint could be met, and if not why. */
export function RunResult({ result }: { result: AssignmentRunResult }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const r = result;
  const report = r.infeasibility;
  return (
    <div className="stack-tight" data-testid="assignment-run-result" data-feasible={r.feasible}>
      <p>
        <span className={r.feasible ? 'badge badge-open' : 'badge badge-closed'}>
          {r.feasible ? t('reviews.manage.assignment.feasible') : t('reviews.manage.assignment.infeasible')}
        </span>{' '}
        {t('reviews.manage.assignment.objective', { objective: affinityText(r.objective, locale) })}
        {' · '}
        {t('reviews.manage.assignment.assigned', { count: r.assigned })}
        {' · '}
        {t('reviews.manage.assignment.solveMs', { ms: formatNumber(r.solveMs, locale) })}
      </p>
      {(report.global.length > 0 || report.proposals.length > 0 || report.reviewers.length > 0) && (
        <div className="alert alert-warning stack-tight" data-testid="infeasibility-report">
          <p>{t('reviews.manage.assignment.infeasibilityIntro')}</p>
          {report.global.length > 0 && (
            <ul>
              {report.global.map((cause) => (
                <li key={cause.code} data-code={cause.code}>
                  <CauseText cause={cause} />
                </li>
              ))}
            </ul>
          )}
          {report.proposals.length > 0 && (
            <>
              <h4>{t('reviews.manage.assignment.shortProposals')}</h4>
              <ul>
                {report.proposals.map((p) => (
                  <li key={p.id} data-code={p.code}>
                    {t('reviews.manage.assignment.proposalShortfall', {
                      acronym: p.acronym || p.id,
                      assigned: p.assigned,
                      required: p.required,
                    })}{' '}
                    <span className="muted">
                      {[p, ...p.otherCauses].map((cause, i) => (
                        <span key={cause.code}>
                          {i > 0 && ' '}
                          <CauseText cause={cause} />
                        </span>
                      ))}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.reviewers.length > 0 && (
            <>
              <h4>{t('reviews.manage.assignment.shortReviewers')}</h4>
              <ul>
                {report.reviewers.map((r) => (
                  <li key={r.id} data-code={r.code}>
                    {t('reviews.manage.assignment.reviewerShortfall', {
                      name: r.displayName || r.id,
                      assigned: r.assigned,
                      minLoad: r.minLoad,
                    })}{' '}
                    <span className="muted">
                      <CauseText cause={r} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** Follows an assignment run to its end, then refreshes the board. */
function AssignmentRun({ callId, runId }: { callId: string; runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const run = useJobRun(runId);
  const finished = isFinished(run.data?.status);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: queryKeys.evaluation.call(callId) });
  }, [finished, queryClient, callId]);
  return (
    <JobProgress
      runId={runId}
      label={t('reviews.manage.assignment.runLabel')}
      renderResult={(result) => {
        // The job run's result is untyped in the jobs contract; an assignment run stores this report.
        const parsed = AssignmentRunResultSchema.safeParse(result);
        return parsed.success ? <RunResult result={parsed.data} /> : null;
      }}
    />
  );
}

export function MatchedTerms({ terms }: { terms: { term: string; weight: number }[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (terms.length === 0) return <span className="muted small">{t('reviews.manage.assignment.noTerms')}</span>;
  return (
    <ul className="tag-list" aria-label={t('reviews.manage.assignment.matchedTerms')} data-testid="matched-terms">
      {terms.map((term) => (
        <li key={term.term} className="tag term-chip">
          {term.term} <span className="muted">{affinityText(term.weight, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The best replacements for a declined reviewer: one click adds one. */
function Replacements({ callId, proposal, row }: { callId: string; proposal: BoardProposal; row: AssignmentRow }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const replacements = useReplacements(callId, row.id);
  const add = useAddAssignment(callId);
  if (replacements.isPending) return <Loading />;
  if (replacements.isError)
    return <ErrorState error={replacements.error} onRetry={() => void replacements.refetch()} />;
  return (
    <div className="stack-tight replacements" data-testid="replacements">
      <h4>{t('reviews.manage.assignment.replacementsTitle', { name: row.reviewer.displayName })}</h4>
      <ActionError error={add.error} />
      {replacements.data.length === 0 ? (
        <p className="muted">{t('reviews.manage.assignment.noReplacements')}</p>
      ) : (
        <ul className="plain-list spaced-list">
          {replacements.data.map((candidate) => (
            <li key={candidate.reviewer.id} data-testid="replacement">
              <strong>{candidate.reviewer.displayName}</strong>{' '}
              <span className="small muted">
                {[
                  candidate.reviewer.institution,
                  candidate.reviewer.countryCode ? countryName(candidate.reviewer.countryCode) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>{' '}
              <span className="small">
                {t('reviews.manage.assignment.affinity', { affinity: affinityText(candidate.affinity, locale) })} ·{' '}
                {t('reviews.manage.loadOfMax', { load: candidate.load, max: candidate.maxLoad })}
              </span>{' '}
              <button
                type="button"
                className="button button-small"
                disabled={add.isPending}
                onClick={() => add.mutate({ proposalId: proposal.id, reviewerId: candidate.reviewer.id })}
              >
                {t('reviews.manage.assignment.assign')}
              </button>
              <MatchedTerms terms={candidate.matchedTerms} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddReviewer({ callId, proposal, board }: { callId: string; proposal: BoardProposal; board: AssignmentBoard }) {
  const { t } = useTranslation();
  const id = useId();
  const add = useAddAssignment(callId);
  const [reviewerId, setReviewerId] = useState('');
  const taken = new Set(proposal.assignments.map((a) => a.reviewer.id));
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reviewerId) return;
        add.mutate({ proposalId: proposal.id, reviewerId }, { onSuccess: () => setReviewerId('') });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-reviewer`}>{t('reviews.manage.assignment.addReviewer')}</label>
        <select id={`${id}-reviewer`} value={reviewerId} onChange={(event) => setReviewerId(event.target.value)}>
          <option value="">{t('reviews.manage.assignment.chooseReviewer')}</option>
          {board.reviewers
            .filter((reviewer) => !taken.has(reviewer.id))
            .map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {t('reviews.manage.assignment.reviewerOption', {
                  name: reviewer.displayName,
                  load: reviewer.load,
                  max: reviewer.maxLoad,
                })}
              </option>
            ))}
        </select>
      </div>
      <button
        type="submit"
        className="button"
        disabled={!reviewerId || add.isPending}
        aria-busy={add.isPending || undefined}
      >
        {t('reviews.manage.assignment.add')}
      </button>
      {add.isError && (
        <div className="add-assignment-error" data-testid="add-assignment-error">
          <ActionError error={add.error} />
        </div>
      )}
    </form>
  );
}

function ProposalAssignments({
  callId,
  proposal,
  board,
}: {
  callId: string;
  proposal: BoardProposal;
  board: AssignmentBoard;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewerTimeZone = useViewerTimeZone();
  const countryName = useCountryName();
  const remove = useRemoveAssignment(callId);
  const [replacing, setReplacing] = useState<string | null>(null);
  const active = proposal.assignments.filter((a) => a.status !== 'DECLINED').length;
  const short = active < board.reviewersPerProposal;
  return (
    <section
      className="card stack-tight"
      aria-labelledby={`board-${proposal.id}`}
      data-testid="board-proposal"
      data-proposal-id={proposal.id}
    >
      <div className="section-head">
        <h3 id={`board-${proposal.id}`}>
          {proposal.acronym} <span className="muted small">{proposal.title}</span>
        </h3>
        <span className={short ? 'badge badge-published' : 'badge badge-open'}>
          {t('reviews.manage.assignment.reviewersOf', { count: active, required: board.reviewersPerProposal })}
        </span>
      </div>
      <p className="small">
        <span className="muted">{formatList(proposal.countries.map(countryName), locale)}</span> ·{' '}
        <Link
          to={managerPanelPath(callId, proposal.id)}
          aria-label={t('reviews.manage.openPanelLabel', { acronym: proposal.acronym })}
          data-testid="open-panel"
        >
          {t('reviews.manage.openPanel')}
        </Link>
      </p>
      {proposal.assignments.length === 0 ? (
        <p className="muted">{t('reviews.manage.assignment.noReviewers')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reviews.manage.assignment.reviewer')}</th>
                <th scope="col">{t('reviews.manage.assignment.status')}</th>
                <th scope="col" className="numeric">
                  {t('reviews.manage.assignment.affinityHeader')}
                </th>
                <th scope="col">{t('reviews.manage.assignment.matchedTerms')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('reviews.manage.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {proposal.assignments.map((row) => (
                <tr key={row.id} data-testid="board-assignment" data-status={row.status}>
                  <th scope="row">
                    {t('reviews.labels.reviewerNamed', { n: row.ordinal, name: row.reviewer.displayName })}
                    {row.manual && <span className="tag small"> {t('reviews.manage.assignment.manual')}</span>}
                    <br />
                    <span className="small muted">
                      {[
                        row.reviewer.institution,
                        row.reviewer.countryCode ? countryName(row.reviewer.countryCode) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </th>
                  <td>
                    <AssignmentStatusBadge status={row.status} />
                    {row.status !== 'PROPOSED' && row.status !== 'DECLINED' && (
                      <span className="small"> {t(`reviews.reviewStatus.${row.reviewStatus}`)}</span>
                    )}
                    {row.respondedAt && (
                      <span className="small muted">
                        <br />
                        {formatDateTime(row.respondedAt, { timeZone: viewerTimeZone, locale })}
                      </span>
                    )}
                    {row.declineReason && (
                      <span className="small">
                        <br />
                        {t('reviews.manage.assignment.declineReason', { reason: row.declineReason })}
                      </span>
                    )}
                  </td>
                  <td className="numeric">{affinityText(row.affinity, locale)}</td>
                  <td>
                    <MatchedTerms terms={row.matchedTerms} />
                  </td>
                  <td className="nowrap">
                    {(row.status === 'PROPOSED' || row.status === 'DECLINED') && (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={remove.isPending}
                        aria-label={t('reviews.manage.assignment.removeLabel', {
                          name: row.reviewer.displayName,
                          acronym: proposal.acronym,
                        })}
                        onClick={() => remove.mutate(row.id)}
                      >
                        {t('reviews.manage.assignment.remove')}
                      </button>
                    )}{' '}
                    {row.status === 'DECLINED' && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={replacing === row.id}
                        onClick={() => setReplacing(replacing === row.id ? null : row.id)}
                      >
                        {t('reviews.manage.assignment.replacements')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionError error={remove.error} />
      {replacing &&
        (() => {
          const row = proposal.assignments.find((a) => a.id === replacing);
          return row ? <Replacements callId={callId} proposal={proposal} row={row} /> : null;
        })()}
      <AddReviewer callId={callId} proposal={proposal} board={board} />
    </section>
  );
}

/**
 * Assignment: compute the optimal assignment (a worker job with live progress), look at the board of every proposal
 * with its reviewers, affinities and matched terms, adjust by hand, then send the invitations.
 */
export function AssignmentTab({ call }: { call: Call }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const board = useBoard(call.id);
  const run = useRunAssignment(call.id);
  const send = useSendInvitations(call.id);
  const [runId, setRunId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const canRun = call.status === 'CLOSED' || call.status === 'IN_REVIEW';
  const proposed = board.data?.proposals.reduce(
    (sum, p) => sum + p.assignments.filter((a) => a.status === 'PROPOSED').length,
    0,
  );

  return (
    <div className="stack">
      <section className="card stack-tight" aria-labelledby="assignment-run-title">
        <h2 id="assignment-run-title">{t('reviews.manage.assignment.runTitle')}</h2>
        <p className="muted small">{t('reviews.manage.assignment.runIntro')}</p>
        {canRun ? (
          <>
            <ActionError error={run.error} />
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                disabled={run.isPending}
                aria-busy={run.isPending || undefined}
                onClick={() => run.mutate(undefined, { onSuccess: (started) => setRunId(started.id) })}
              >
                {t('reviews.manage.assignment.run')}
              </button>
            </div>
            {runId && <AssignmentRun key={runId} callId={call.id} runId={runId} />}
          </>
        ) : (
          <p className="muted" data-testid="assignment-run-unavailable">
            {t('reviews.manage.assignment.runAfterClose')}
          </p>
        )}
        {!runId && board.data?.lastRun && (
          <div className="stack-tight" data-testid="last-run">
            <h3>{t('reviews.manage.assignment.lastRun')}</h3>
            <p className="small muted">
              {(() => {
                const status = JobRunStatusSchema.safeParse(board.data.lastRun.status);
                return status.success ? t(`jobProgress.status.${status.data}`) : board.data.lastRun.status;
              })()}
              {board.data.lastRun.finishedAt &&
                ` · ${formatDateTime(board.data.lastRun.finishedAt, { timeZone: viewerTimeZone, locale })}`}
            </p>
            {board.data.lastRun.result && <RunResult result={board.data.lastRun.result} />}
            {board.data.lastRun.error && (
              <p className="alert alert-error" role="alert" data-testid="last-run-error">
                {t('jobProgress.failed', { error: board.data.lastRun.error })}
              </p>
            )}
          </div>
        )}
      </section>

      <section className="card stack-tight" aria-labelledby="send-invitations-title">
        <h2 id="send-invitations-title">{t('reviews.manage.assignment.sendTitle')}</h2>
        <p className="muted small">{t('reviews.manage.assignment.sendIntro')}</p>
        {sent !== null && <SuccessMessage>{t('reviews.manage.assignment.sent', { count: sent })}</SuccessMessage>}
        <ActionError error={send.error} />
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!proposed || send.isPending}
            onClick={() => {
              setSent(null);
              send.reset();
              setConfirming(true);
            }}
          >
            {t('reviews.manage.assignment.send', { count: proposed ?? 0 })}
          </button>
        </div>
      </section>
      {confirming && (
        <ConfirmDialog
          title={t('reviews.manage.assignment.sendConfirmTitle')}
          confirmLabel={t('reviews.manage.assignment.sendConfirm', { count: proposed ?? 0 })}
          cancelLabel={t('reviews.decline.cancel')}
          pending={send.isPending}
          testId="send-invitations-dialog"
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            send.mutate(undefined, {
              onSuccess: ({ invited }) => setSent(invited),
              onSettled: () => setConfirming(false),
            })
          }
        >
          <p>{t('reviews.manage.assignment.sendConfirmBody', { count: proposed ?? 0 })}</p>
        </ConfirmDialog>
      )}

      <section className="stack" aria-labelledby="board-title">
        <h2 id="board-title">{t('reviews.manage.assignment.boardTitle')}</h2>
        {board.isPending ? (
          <Loading />
        ) : board.isError ? (
          <ErrorState error={board.error} onRetry={() => void board.refetch()} />
        ) : board.data.proposals.length === 0 ? (
          <EmptyState>
            <p data-testid="board-empty">{t('reviews.manage.assignment.boardEmpty')}</p>
          </EmptyState>
        ) : (
          board.data.proposals.map((proposal) => (
            <ProposalAssignments key={proposal.id} callId={call.id} proposal={proposal} board={board.data} />
          ))
        )}
      </section>
    </div>
  );
}
