import { contract } from '@kizuna/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { Loading } from '../../../components/states';
import { AuthCard } from '../../auth/auth-card';
import { useLogout } from '../../auth/use-logout';
import { useMe } from '../../auth/use-me';
import { DeclineForm } from './decline-form';
import { useRespondToPool } from './use-respond-to-pool';

/** Used, declined, expired or never issued: the link will never work again. */
function isDeadToken(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 410 || error.status === 404 || error.status === 400);
}

const schema = contract.reviewer.respondToPool.body!;

/**
 * `/review-pool?token=…`, opened from the email inviting someone into a call's reviewer pool. Signed in with the
 * invited address: join (which makes the user a reviewer) or decline with a reason. Signed out: log in or sign up
 * first and come back here. Browser tests: `pool-invitation-page` (data-state: missing, signed-out, ready, declining,
 * accepted, declined, dead, wrong-account).
 */
export function PoolInvitationPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const token = searchParams.get('token') ?? '';
  const me = useMe();
  const respond = useRespondToPool();
  const logout = useLogout();
  const [declining, setDeclining] = useState(false);
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  const toBody = useCallback((reason: string) => ({ token, accept: false, reason }), [token]);

  const answer = respond.data;
  const error = respond.error;
  const state = !token
    ? 'missing'
    : answer?.status === 'ACCEPTED'
      ? 'accepted'
      : answer?.status === 'DECLINED'
        ? 'declined'
        : isDeadToken(error)
          ? 'dead'
          : error instanceof ApiError && error.status === 403
            ? 'wrong-account'
            : !me.data
              ? 'signed-out'
              : declining
                ? 'declining'
                : 'ready';

  if (me.isPending && token) return <Loading />;

  const body = () => {
    switch (state) {
      case 'missing':
        return <p>{t('reviews.pool.missingToken')}</p>;
      case 'accepted':
        return (
          <>
            <SuccessMessage>
              <p>{t('reviews.pool.accepted', { call: answer?.callTitle ?? '' })}</p>
            </SuccessMessage>
            <p>{t('reviews.pool.acceptedNext')}</p>
            <div className="actions">
              <Link className="button button-primary" to="/reviewer/profile">
                {t('reviews.pool.openProfile')}
              </Link>
              <Link className="button" to="/reviews">
                {t('reviews.mine.title')}
              </Link>
            </div>
          </>
        );
      case 'declined':
        return (
          <SuccessMessage>
            <p>{t('reviews.pool.declined', { call: answer?.callTitle ?? '' })}</p>
          </SuccessMessage>
        );
      case 'dead':
        return <p role="alert">{t('reviews.pool.deadBody')}</p>;
      case 'wrong-account':
        return (
          <>
            <p role="alert">{t('reviews.pool.wrongAccount', { email: me.data?.email ?? '' })}</p>
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                disabled={logout.isPending}
                onClick={() => logout.mutate(undefined, { onSuccess: () => navigate(`/login?next=${next}`) })}
              >
                {t('reviews.pool.switchAccount')}
              </button>
            </div>
          </>
        );
      case 'signed-out':
        return (
          <>
            <p>{t('reviews.pool.signedOut')}</p>
            <div className="actions">
              <Link className="button button-primary" to={`/login?next=${next}`}>
                {t('reviews.pool.login')}
              </Link>
              <Link className="button" to={`/signup?next=${next}`}>
                {t('reviews.pool.signup')}
              </Link>
            </div>
            <p className="muted small">{t('reviews.pool.signupHint')}</p>
          </>
        );
      case 'declining':
        return (
          <DeclineForm
            schema={schema}
            toBody={toBody}
            intro={t('reviews.pool.declineIntro')}
            onDecline={(reason) => respond.mutateAsync({ token, accept: false, reason })}
            onCancel={() => setDeclining(false)}
          />
        );
      default:
        return (
          <>
            <p>{t('reviews.pool.ready', { email: me.data?.email ?? '' })}</p>
            <p className="muted small">{t('reviews.pool.readyHint')}</p>
            <ErrorAlert error={error} />
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                disabled={respond.isPending}
                aria-busy={respond.isPending || undefined}
                onClick={() => respond.mutate({ token, accept: true })}
              >
                {respond.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
                {t('reviews.pool.accept')}
              </button>
              <button
                type="button"
                className="button"
                disabled={respond.isPending}
                onClick={() => {
                  respond.reset();
                  setDeclining(true);
                }}
              >
                {t('reviews.pool.decline')}
              </button>
            </div>
          </>
        );
    }
  };

  const title =
    state === 'dead'
      ? t('reviews.pool.deadTitle')
      : state === 'accepted'
        ? t('reviews.pool.acceptedTitle')
        : state === 'declined'
          ? t('reviews.pool.declinedTitle')
          : t('reviews.pool.title');
  return (
    <AuthCard title={title}>
      <div className="stack" data-testid="pool-invitation-page" data-state={state}>
        {body()}
      </div>
    </AuthCard>
  );
}
