import { GRANT_WORKING_STATUSES, ReviewBodySchema } from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import type { Grant, GrantReport } from '../../../api/grants';
import { SuccessMessage } from '../../../components/form';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useViewerTimeZone } from '../../calls/call-text';
import { reportTitle } from '../grant-text';
import { useGrant } from '../use-grants';
import { DecisionForm } from './decision-form';
import { ReportEditor } from './report-editor';
import { ReportStatusBadge, useDay } from './report-text';
import { ReportView } from './report-view';
import { StatementTable } from './statement-table';
import { useGrantReport } from './use-grant-report';
import { useReviewReport } from './use-report-actions';

type GrantStatus = Grant['status'];

/** The grant states in which the lead PI may write a report, and in which a manager may review one (as the API). */
const WRITABLE: readonly GrantStatus[] = [...GRANT_WORKING_STATUSES, 'AWARDED', 'SUSPENDED'];
const REVIEWABLE: readonly GrantStatus[] = [...GRANT_WORKING_STATUSES, 'SUSPENDED'];

/** What the caller may do with the report now. */
export function reportPermissions(
  grant: Pick<Grant, 'myRole' | 'status'>,
  report: Pick<GrantReport, 'status' | 'kind'>,
) {
  const open = report.status === 'DUE' || report.status === 'RETURNED';
  const canEdit = grant.myRole === 'LEAD_PI' && open && WRITABLE.includes(grant.status);
  const canSubmit =
    canEdit &&
    (report.kind === 'FINAL' ? grant.status === 'FINAL_REPORT_DUE' : GRANT_WORKING_STATUSES.includes(grant.status));
  const canReview = grant.myRole === 'MANAGER' && report.status === 'SUBMITTED' && REVIEWABLE.includes(grant.status);
  return { canEdit, canSubmit, canReview };
}

function Facts({ report }: { report: GrantReport }) {
  const { t } = useTranslation();
  const day = useDay();
  const timeZone = useViewerTimeZone();
  const instant = (iso: string) => formatDateTime(iso, { timeZone, locale: currentLocale() });
  return (
    <dl className="facts">
      <dt>{t('grantReports.period')}</dt>
      <dd>{t('grantReports.periodRange', { start: day(report.periodStart), end: day(report.periodEnd) })}</dd>
      <dt>{t('grantReports.dueDate')}</dt>
      <dd data-testid="report-due-date">{day(report.dueDate)}</dd>
      {report.submittedAt && (
        <>
          <dt>{t('grantReports.submittedAt')}</dt>
          <dd>{instant(report.submittedAt)}</dd>
        </>
      )}
      {report.reviewedAt && (
        <>
          <dt>{t('grantReports.reviewedAt')}</dt>
          <dd>{instant(report.reviewedAt)}</dd>
        </>
      )}
    </dl>
  );
}

function ReviewComment({ report }: { report: GrantReport }) {
  const { t } = useTranslation();
  if (!report.reviewComment) return null;
  const returned = report.status === 'RETURNED';
  return (
    <div className={returned ? 'alert alert-warning' : 'alert alert-success'} data-testid="report-review-comment">
      <p>
        <strong>{returned ? t('grantReports.returnedComment') : t('grantReports.reviewComment')}</strong>
      </p>
      <p className="pre-wrap">{report.reviewComment}</p>
    </div>
  );
}

function ManagerReview({ grant, report }: { grant: Grant; report: GrantReport }) {
  const { t } = useTranslation();
  const review = useReviewReport(grant.id, report.id);
  return (
    <DecisionForm
      title={t('grantReports.review.title')}
      intro={t('grantReports.review.intro')}
      commentLabel={t('grantReports.review.comment')}
      commentHint={t('grantReports.review.commentHint')}
      schema={ReviewBodySchema}
      accept={{ decision: 'ACCEPT', label: t('grantReports.review.accept'), testId: 'report-accept' }}
      reject={{ decision: 'REQUEST_CHANGES', label: t('grantReports.review.return'), testId: 'report-return' }}
      onDecide={(body) => review.mutateAsync(body)}
      testId="report-review"
    />
  );
}

function ReportContent({ grant, report }: { grant: Grant; report: GrantReport }) {
  const { t } = useTranslation();
  const title = reportTitle(t, report);
  const [submitted, setSubmitted] = useState(false);
  const { canEdit, canSubmit, canReview } = reportPermissions(grant, report);
  return (
    <article className="stack" aria-labelledby="report-title" data-testid="report-page" data-status={report.status}>
      <PageTitle title={`${title} · ${grant.number}`} />
      <div className="call-card-head">
        <h1 id="report-title">{title}</h1>
        <ReportStatusBadge report={report} />
      </div>
      <p className="muted">
        {grant.number} · {grant.proposal.acronym} — {grant.proposal.title}
      </p>
      <Facts report={report} />
      <ReviewComment report={report} />
      {submitted && report.status === 'SUBMITTED' && (
        <SuccessMessage>{t('grantReports.editor.submitted')}</SuccessMessage>
      )}
      {canEdit ? (
        <ReportEditor
          key={report.id}
          grant={grant}
          report={report}
          canSubmit={canSubmit}
          onSubmitted={() => setSubmitted(true)}
        />
      ) : (
        <ReportView report={report} />
      )}
      <StatementTable grant={grant} statement={report.statement} />
      {canReview && <ManagerReview grant={grant} report={report} />}
    </article>
  );
}

function NotFound({ grantId }: { grantId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <EmptyState>
      <h1>{t('pages.notFound.title')}</h1>
      <p>{t('grantReports.notFound')}</p>
      {grantId && (
        <p>
          <Link to={`/grants/${grantId}/reports`}>{t('grantReports.backToGrant')}</Link>
        </p>
      )}
    </EmptyState>
  );
}

const isNotFound = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);

/** `/grants/:id/reports/:reportId`: a report of a grant — written by the lead PI, read by all, reviewed by a manager. */
export function GrantReportPage() {
  const { t } = useTranslation();
  const { id, reportId } = useParams();
  const grant = useGrant(id);
  const report = useGrantReport(id, reportId);
  const error = grant.error ?? report.error;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/grants/${id}/reports`}>{grant.data ? grant.data.number : t('grantReports.backToGrant')}</Link>
      </p>
      {error ? (
        isNotFound(error) ? (
          <NotFound grantId={id} />
        ) : (
          <ErrorState error={error} onRetry={() => void Promise.all([grant.refetch(), report.refetch()])} />
        )
      ) : !grant.data || !report.data ? (
        <Loading />
      ) : report.data.grantId === grant.data.id ? (
        <ReportContent grant={grant.data} report={report.data} />
      ) : (
        <NotFound grantId={id} />
      )}
    </div>
  );
}
