import type { Call, EligibilityReport, EligibilityRule, Proposal } from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ruleText, useCountryName, useViewerTimeZone } from '../../calls/call-text';
import { callIsOpen, EDITABLE_STATUSES, isPast } from '../proposal-text';
import { useSubmitProposal } from '../use-submit-proposal';
import { useWithdrawProposal } from '../use-withdraw-proposal';
import type { WorkspaceTab } from './eligibility-checklist';

/** The submissions of a proposal, newest first, with links to their snapshots. */
export function SubmissionList({ proposal, tabHref }: { proposal: Proposal; tabHref: (tab: WorkspaceTab) => string }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  if (proposal.submissions.length === 0) return <p className="muted">{t('proposals.submissions.none')}</p>;
  return (
    <ol className="spaced-list" reversed data-testid="submission-list">
      {[...proposal.submissions].reverse().map((submission) => (
        <li key={submission.number} data-testid="submission-item" data-number={submission.number}>
          <Link to={`${tabHref('submissions')}?number=${submission.number}`}>
            {t('proposals.submissions.item', {
              number: submission.number,
              time: formatDateTime(submission.submittedAt, { timeZone: viewerTimeZone, locale }),
            })}
          </Link>
        </li>
      ))}
    </ol>
  );
}

/** The rules a refused submission failed (400 with errors at eligibility.<kind>), in plain language. */
function RefusedRules({ error, call }: { error: ApiError; call: Call }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const locale = currentLocale();
  const failed = (error.problem.errors ?? []).filter((e) => e.path.startsWith('eligibility.'));
  return (
    <div className="alert alert-error" role="alert" data-testid="submit-refused">
      <p>{t('proposals.submit.ineligible')}</p>
      <ul>
        {failed.map((fieldError) => {
          const kind = fieldError.path.slice('eligibility.'.length);
          const rule = call.eligibilityRules.find((r) => r.kind === kind) ?? ({ kind } as EligibilityRule);
          return <li key={fieldError.path}>{ruleText(t, rule, countryName, locale)}</li>;
        })}
      </ul>
    </div>
  );
}

/**
 * Submitting: the lead PI's button, enabled while the checklist is green and the call is open, behind a confirmation;
 * then the receipt, resubmission and withdrawal. The server decides by its own clock: a confirmation after the
 * deadline is refused and says so. Browser tests: `submit-state` (data-status), `submit-receipt`, `submit-closed`.
 */
export function SubmitTab({
  proposal,
  call,
  eligibility,
  lead,
  now,
  tabHref,
}: {
  proposal: Proposal;
  call: Call;
  eligibility: EligibilityReport | undefined;
  lead: boolean;
  now: number;
  tabHref: (tab: WorkspaceTab) => string;
}) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const submit = useSubmitProposal(proposal.id);
  const withdraw = useWithdrawProposal(proposal.id);
  const [confirming, setConfirming] = useState<'submit' | 'withdraw' | null>(null);
  const [receipt, setReceipt] = useState<number | null>(null);
  // The server's clock decides: once it refused for the deadline, this page agrees whatever the browser's says.
  const refusedByClock = submit.error instanceof ApiError && submit.error.code === 'call_closed';
  const open = callIsOpen(proposal.call, now) && !refusedByClock;
  const closed = isPast(proposal.call.closesAt, now) || refusedByClock;
  const changeable = EDITABLE_STATUSES.has(proposal.status);
  const eligible = eligibility?.eligible === true;
  const submitted = proposal.status === 'SUBMITTED';
  const last = proposal.submissions.at(-1);
  const deadline = formatDateTime(proposal.call.closesAt, { timeZone: proposal.call.timeZone, locale });
  const deadlineMine = formatDateTime(proposal.call.closesAt, { timeZone: viewerTimeZone, locale });

  const why = !lead
    ? t('proposals.submit.onlyLead')
    : !changeable
      ? t('proposals.submit.notChangeable', { status: t(`proposals.status.${proposal.status}`) })
      : closed
        ? t('proposals.submit.closedAlready')
        : !open
          ? t('proposals.submit.notOpenYet')
          : !eligible
            ? t('proposals.submit.checklistFirst')
            : null;

  const confirmSubmit = () => {
    withdraw.reset();
    setReceipt(null);
    submit.mutate(undefined, {
      onSuccess: (result) => setReceipt(result.submissions.at(-1)?.number ?? null),
      onSettled: () => setConfirming(null),
    });
  };

  const confirmWithdraw = () => {
    submit.reset();
    setReceipt(null);
    withdraw.mutate(undefined, { onSettled: () => setConfirming(null) });
  };

  const error = submit.error;
  return (
    <div className="stack">
      <section className="card stack" data-testid="submit-state" data-status={proposal.status}>
        <h2>
          {t(
            `proposals.submit.state.${submitted ? 'SUBMITTED' : proposal.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'OTHER'}`,
          )}
        </h2>
        {submitted && last && (
          <p>
            {t('proposals.submit.submittedAt', {
              number: last.number,
              time: formatDateTime(last.submittedAt, { timeZone: viewerTimeZone, locale }),
            })}
          </p>
        )}
        {proposal.status === 'DRAFT' && <p>{t('proposals.submit.draft')}</p>}
        {proposal.status === 'WITHDRAWN' && <p>{t('proposals.submit.withdrawn')}</p>}
        <p className="muted small">{t('proposals.submit.deadline', { deadline, mine: deadlineMine })}</p>

        {receipt !== null && (
          <SuccessMessage>
            <p data-testid="submit-receipt">{t('proposals.submit.receipt', { number: receipt })}</p>
          </SuccessMessage>
        )}
        {withdraw.isSuccess && proposal.status === 'WITHDRAWN' && (
          <SuccessMessage>{t('proposals.submit.withdrawnNow')}</SuccessMessage>
        )}
        {error instanceof ApiError && error.code === 'call_closed' ? (
          <div className="alert alert-error" role="alert" data-testid="submit-closed">
            <p>{t('proposals.submit.closed', { deadline })}</p>
          </div>
        ) : error instanceof ApiError && error.problem.errors?.some((e) => e.path.startsWith('eligibility.')) ? (
          <RefusedRules error={error} call={call} />
        ) : (
          <ErrorAlert error={error} />
        )}
        <ErrorAlert error={withdraw.error} />

        {lead && (
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={why !== null || submit.isPending}
              aria-describedby={why ? 'submit-why' : undefined}
              onClick={() => setConfirming('submit')}
            >
              {submitted ? t('proposals.submit.resubmit') : t('proposals.submit.submit')}
            </button>
            {submitted && !closed && (
              <button type="button" className="button" onClick={() => setConfirming('withdraw')}>
                {t('proposals.submit.withdraw')}
              </button>
            )}
          </div>
        )}
        {why && (
          <p id="submit-why" className="muted" data-testid="submit-why">
            {why}{' '}
            {lead && changeable && open && !eligible && (
              <Link to={tabHref('checklist')}>{t('proposals.submit.toChecklist')}</Link>
            )}
          </p>
        )}
      </section>

      <section className="stack" aria-labelledby="submissions-title">
        <h2 id="submissions-title">{t('proposals.submissions.title')}</h2>
        <SubmissionList proposal={proposal} tabHref={tabHref} />
      </section>

      {confirming === 'submit' && (
        <ConfirmDialog
          title={t('proposals.submit.confirmTitle')}
          confirmLabel={t('proposals.submit.confirm')}
          cancelLabel={t('proposals.submit.cancel')}
          pending={submit.isPending}
          onConfirm={confirmSubmit}
          onCancel={() => setConfirming(null)}
          testId="submit-dialog"
        >
          <p>
            {t('proposals.submit.confirmBody', {
              number: proposal.submissions.length + 1,
              deadline,
            })}
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'withdraw' && (
        <ConfirmDialog
          title={t('proposals.submit.withdrawTitle')}
          confirmLabel={t('proposals.submit.withdrawConfirm')}
          cancelLabel={t('proposals.submit.cancel')}
          pending={withdraw.isPending}
          onConfirm={confirmWithdraw}
          onCancel={() => setConfirming(null)}
          testId="withdraw-dialog"
        >
          <p>{t('proposals.submit.withdrawBody', { deadline })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
