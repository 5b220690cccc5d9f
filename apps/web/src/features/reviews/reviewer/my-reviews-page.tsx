import { DeclareConflictBodySchema, RespondBodySchema } from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyAssignment } from '../../../api/reviews';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { useNow } from '../../../lib/use-now';
import { useViewerTimeZone } from '../../calls/call-text';
import { ReasonDialog } from '../reason-dialog';
import { AssignmentStatusBadge, ReviewDeadline } from '../review-parts';
import { useDeclareConflict } from './use-declare-conflict';
import { useMyAssignments } from './use-my-assignments';
import { useRespond } from './use-respond';

const declineBody = (reason: string) => ({ accept: false, reason });

/** Accept / decline of an invitation, with the reason dialog for declining. */
export function InvitationActions({
  assignment,
  onDone,
}: {
  assignment: Pick<MyAssignment, 'id' | 'proposal'>;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const respond = useRespond();
  const [declining, setDeclining] = useState(false);
  const acronym = assignment.proposal.acronym;
  return (
    <>
      <button
        type="button"
        className="button button-small button-primary"
        disabled={respond.isPending}
        aria-busy={respond.isPending || undefined}
        aria-label={t('reviews.mine.acceptLabel', { acronym })}
        onClick={() =>
          respond.mutate(
            { id: assignment.id, accept: true },
            { onSuccess: () => onDone(t('reviews.mine.acceptedMessage', { acronym })) },
          )
        }
      >
        {t('reviews.mine.accept')}
      </button>{' '}
      <button
        type="button"
        className="button button-small"
        disabled={respond.isPending}
        aria-label={t('reviews.mine.declineLabel', { acronym })}
        onClick={() => {
          respond.reset();
          setDeclining(true);
        }}
      >
        {t('reviews.mine.decline')}
      </button>
      {respond.isError && !declining && <ErrorAlert error={respond.error} />}
      {declining && (
        <ReasonDialog
          title={t('reviews.decline.titleFor', { acronym })}
          intro={<p className="muted small">{t('reviews.decline.intro')}</p>}
          label={t('reviews.decline.reason')}
          hint={t('reviews.decline.reasonHint')}
          submitLabel={t('reviews.decline.submit')}
          cancelLabel={t('reviews.decline.cancel')}
          schema={RespondBodySchema}
          toBody={declineBody}
          testId="decline-dialog"
          onCancel={() => setDeclining(false)}
          onSubmit={async (reason) => {
            await respond.mutateAsync({ id: assignment.id, accept: false, reason });
            setDeclining(false);
            onDone(t('reviews.mine.declinedMessage', { acronym }));
          }}
        />
      )}
    </>
  );
}

/** "Declare a conflict": the reviewer says why; the assignment ends and the proposal disappears. */
export function DeclareConflictAction({
  assignment,
  onDone,
}: {
  assignment: Pick<MyAssignment, 'id' | 'proposal'>;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const declare = useDeclareConflict();
  const [open, setOpen] = useState(false);
  const acronym = assignment.proposal.acronym;
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-label={t('reviews.conflict.buttonLabel', { acronym })}
        onClick={() => setOpen(true)}
      >
        {t('reviews.conflict.button')}
      </button>
      {open && (
        <ReasonDialog
          title={t('reviews.conflict.title', { acronym })}
          intro={<p className="muted small">{t('reviews.conflict.intro')}</p>}
          label={t('reviews.conflict.reason')}
          hint={t('reviews.conflict.reasonHint')}
          submitLabel={t('reviews.conflict.submit')}
          cancelLabel={t('reviews.decline.cancel')}
          schema={DeclareConflictBodySchema}
          testId="conflict-dialog"
          onCancel={() => setOpen(false)}
          onSubmit={async (reason) => {
            await declare.mutateAsync({ id: assignment.id, reason });
            setOpen(false);
            onDone(t('reviews.conflict.done', { acronym }));
          }}
        />
      )}
    </>
  );
}

/** `/reviews`: the proposals the user is invited to review or is reviewing. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const assignments = useMyAssignments();
  const viewerTimeZone = useViewerTimeZone();
  const now = useNow();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="page">
      <PageTitle title={t('reviews.mine.title')} />
      <div className="section-head">
        <h1>{t('reviews.mine.title')}</h1>
        <div className="actions">
          <Link className="button" to="/reviewer/profile">
            {t('reviews.profile.title')}
          </Link>
        </div>
      </div>
      <p className="muted">{t('reviews.mine.intro')}</p>
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {assignments.isPending ? (
        <Loading />
      ) : assignments.isError ? (
        <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : assignments.data.length === 0 ? (
        <EmptyState>
          <p data-testid="my-reviews-empty">{t('reviews.mine.empty')}</p>
          <p>
            <Link to="/reviewer/profile">{t('reviews.mine.completeProfile')}</Link>
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table aria-busy={assignments.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col">{t('reviews.mine.proposal')}</th>
                <th scope="col">{t('reviews.mine.call')}</th>
                <th scope="col">{t('reviews.mine.status')}</th>
                <th scope="col">{t('reviews.mine.review')}</th>
                <th scope="col">{t('reviews.deadline.label')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('reviews.mine.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assignments.data.map((assignment) => {
                const working = assignment.status === 'ACCEPTED' || assignment.status === 'SUBMITTED';
                return (
                  <tr key={assignment.id} data-testid="my-review-row" data-assignment-id={assignment.id}>
                    <th scope="row">
                      {working ? (
                        <Link to={`/reviews/${assignment.id}`}>{assignment.proposal.acronym}</Link>
                      ) : (
                        assignment.proposal.acronym
                      )}
                      <br />
                      <span className="small muted">{assignment.proposal.title}</span>
                    </th>
                    <td>{assignment.call.title}</td>
                    <td>
                      <AssignmentStatusBadge status={assignment.status} />
                    </td>
                    <td>{t(`reviews.reviewStatus.${assignment.reviewStatus}`)}</td>
                    <td>
                      <ReviewDeadline
                        compact
                        deadline={assignment.call.reviewDeadline}
                        timeZone={assignment.call.timeZone}
                        viewerTimeZone={viewerTimeZone}
                        now={now}
                      />
                    </td>
                    <td className="nowrap">
                      {assignment.status === 'INVITED' && (
                        <InvitationActions assignment={assignment} onDone={setMessage} />
                      )}
                      {working && (
                        <Link
                          className="button button-small button-primary"
                          to={`/reviews/${assignment.id}`}
                          aria-label={t('reviews.mine.openLabel', { acronym: assignment.proposal.acronym })}
                        >
                          {assignment.status === 'SUBMITTED' ? t('reviews.mine.openSubmitted') : t('reviews.mine.open')}
                        </Link>
                      )}{' '}
                      {assignment.status !== 'DECLINED' && (
                        <DeclareConflictAction assignment={assignment} onDone={setMessage} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
