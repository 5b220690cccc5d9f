import { contract } from '@kizuna/shared';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { Loading } from '../../../components/states';
import { AuthCard } from '../../auth/auth-card';
import { useMe } from '../../auth/use-me';
import { DeclineForm } from './decline-form';
import { useRespondByToken } from './use-respond-by-token';

const schema = contract.reviewer.respondByToken.body!;

/** Used, answered, expired or never issued: the link will never work again. */
function isDeadToken(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 410 || error.status === 404 || error.status === 400);
}

/**
 * `/review-invitations?token=…&answer=accept|decline`, the one-click links of a review invitation email; nobody needs
 * to be signed in (the single-use token is the credential). "accept" answers at once; "decline" first asks why.
 * Browser tests: `review-invitation-page` (data-state: missing, accepting, accepted, declining, declined, dead, error).
 */
export function ReviewInvitationPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const answer = searchParams.get('answer');
  const me = useMe();
  const respond = useRespondByToken();
  const started = useRef(false);
  const toBody = useCallback((reason: string) => ({ token, accept: false, reason }), [token]);
  const valid = token !== '' && (answer === 'accept' || answer === 'decline');

  // One click means one request, even when React runs effects twice in development.
  useEffect(() => {
    if (!valid || answer !== 'accept' || started.current) return;
    started.current = true;
    respond.mutate({ token, accept: true });
  }, [valid, answer, token, respond]);

  const result = respond.data;
  const state = !valid
    ? 'missing'
    : result?.status === 'ACCEPTED'
      ? 'accepted'
      : result?.status === 'DECLINED'
        ? 'declined'
        : isDeadToken(respond.error)
          ? 'dead'
          : answer === 'decline'
            ? 'declining'
            : respond.isError
              ? 'error'
              : 'accepting';

  const signedIn = (path: string) => (me.data ? path : `/login?next=${encodeURIComponent(path)}`);
  const reviewsLink = signedIn('/reviews');
  // Accepted: straight to the proposal and its review form.
  const reviewLink = signedIn(result ? `/reviews/${result.assignmentId}` : '/reviews');

  const body = () => {
    switch (state) {
      case 'missing':
        return <p>{t('reviews.token.missing')}</p>;
      case 'accepting':
        return <Loading label={t('reviews.token.accepting')} />;
      case 'accepted':
        return (
          <>
            <SuccessMessage>
              <p>{t('reviews.token.accepted', { acronym: result?.proposalAcronym ?? '' })}</p>
            </SuccessMessage>
            <p>{me.data ? t('reviews.token.acceptedNext') : t('reviews.token.acceptedNextSignIn')}</p>
            <div className="actions">
              <Link className="button button-primary" to={reviewLink} data-testid="open-review">
                {me.data ? t('reviews.token.openReview') : t('reviews.token.signInToReview')}
              </Link>
            </div>
          </>
        );
      case 'declined':
        return (
          <SuccessMessage>
            <p>{t('reviews.token.declined', { acronym: result?.proposalAcronym ?? '' })}</p>
          </SuccessMessage>
        );
      case 'dead':
        return (
          <>
            <p role="alert">{t('reviews.token.deadBody')}</p>
            <p>
              <Link to={reviewsLink}>{t('reviews.token.openMyReviews')}</Link>
            </p>
          </>
        );
      case 'declining':
        return (
          <DeclineForm
            schema={schema}
            toBody={toBody}
            onDecline={(reason) => respond.mutateAsync({ token, accept: false, reason })}
          />
        );
      default:
        return (
          <ErrorAlert error={respond.error}>
            <button type="button" className="button" onClick={() => respond.mutate({ token, accept: true })}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        );
    }
  };

  const title =
    state === 'dead'
      ? t('reviews.token.deadTitle')
      : state === 'accepted'
        ? t('reviews.token.acceptedTitle')
        : state === 'declined'
          ? t('reviews.token.declinedTitle')
          : t('reviews.token.title');
  return (
    <AuthCard title={title}>
      <div className="stack" data-testid="review-invitation-page" data-state={state}>
        {body()}
      </div>
    </AuthCard>
  );
}
