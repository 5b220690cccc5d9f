import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { InvitationPreview } from '../../api/proposals';
import { ErrorAlert, SuccessMessage } from '../../components/form';
import { Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDateTime, formatUtc } from '../../lib/format';
import { AuthCard } from '../auth/auth-card';
import { useLogout } from '../auth/use-logout';
import { useMe } from '../auth/use-me';
import { useCountryName, useViewerTimeZone } from '../calls/call-text';
import { useAcceptInvitation } from './use-accept-invitation';
import { useDeclineInvitation } from './use-decline-invitation';
import { useInvitationPreview } from './use-invitation-preview';

/** Used, declined, expired or never issued: the link will never work again. */
function isDeadToken(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 410 || error.status === 404 || error.status === 400);
}

function ActionButton({
  pending,
  primary,
  onClick,
  label,
}: {
  pending: boolean;
  primary?: boolean;
  onClick: () => void;
  label: string;
}) {
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={onClick}
    >
      {pending && <span className="spinner spinner-small" aria-hidden="true" />}
      {label}
    </button>
  );
}

/** What the invitation is for, before answering: proposal, call, role, institution, who invited, until when. */
function PreviewCard({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const when = (iso: string) => (
    <time dateTime={iso} title={formatUtc(iso)}>
      {formatDateTime(iso, { timeZone: viewerTimeZone, locale })}
    </time>
  );
  return (
    <section className="card stack-tight" aria-labelledby="invitation-preview-title" data-testid="invitation-preview">
      <h2 id="invitation-preview-title">
        {t('proposals.invitation.previewTitle', { name: preview.invitedBy, acronym: preview.proposal.acronym })}
      </h2>
      <dl className="facts">
        <dt>{t('proposals.invitation.proposal')}</dt>
        <dd data-testid="invitation-proposal">
          <strong>{preview.proposal.acronym}</strong> · {preview.proposal.title}
        </dd>
        <dt>{t('proposals.invitation.call')}</dt>
        <dd>
          {preview.call.title}
          <br />
          <span className="small muted">{t('proposals.invitation.callCloses')}</span> {when(preview.call.closesAt)}
        </dd>
        <dt>{t('proposals.invitation.role')}</dt>
        <dd data-testid="invitation-role">{t(`proposals.roles.${preview.role}`)}</dd>
        <dt>{t('proposals.invitation.institution')}</dt>
        <dd>
          {preview.institution.name} <span className="muted small">{countryName(preview.institution.countryCode)}</span>
        </dd>
        <dt>{t('proposals.invitation.invitedBy')}</dt>
        <dd>{preview.invitedBy}</dd>
        <dt>{t('proposals.invitation.sentTo')}</dt>
        <dd>{preview.email}</dd>
        <dt>{t('proposals.invitation.expires')}</dt>
        <dd data-testid="invitation-expires">{when(preview.expiresAt)}</dd>
      </dl>
    </section>
  );
}

/**
 * `/invitations?token=…`, opened from the invitation email. First what it is for (proposals.previewInvitation: no
 * account needed, the token is not used up); a withdrawn, answered or expired one is "no longer valid" (410). Signed in with the invited address: accept (then the
 * proposal opens) or decline. Signed out: log in or sign up first and come back here; declining needs no account.
 * Browser tests: `invitation-page` (data-state: missing, signed-out, ready, declined, dead, wrong-account).
 */
export function InvitationPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const token = searchParams.get('token') ?? '';
  const me = useMe();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const logout = useLogout();
  const here = `${location.pathname}${location.search}`;
  const next = encodeURIComponent(here);
  const error = accept.error ?? decline.error;
  // Signed in with another address than the invited one: known from the preview, or from the API's 403.
  const otherAccount = !!me.data && !!preview.data && preview.data.email.toLowerCase() !== me.data.email.toLowerCase();

  const state = !token
    ? 'missing'
    : decline.isSuccess
      ? 'declined'
      : isDeadToken(error) || isDeadToken(preview.error)
        ? 'dead'
        : (error instanceof ApiError && error.status === 403) || otherAccount
          ? 'wrong-account'
          : me.data
            ? 'ready'
            : 'signed-out';

  if ((me.isPending || preview.isPending) && token) return <Loading />;

  const body = () => {
    switch (state) {
      case 'missing':
        return <p>{t('proposals.invitation.missingToken')}</p>;
      case 'declined':
        return (
          <SuccessMessage>
            <p>{t('proposals.invitation.declined')}</p>
          </SuccessMessage>
        );
      case 'dead':
        return (
          <>
            <p role="alert">{t('proposals.invitation.deadBody')}</p>
            <p>
              <Link to={me.data ? '/proposals' : '/calls'}>
                {me.data ? t('proposals.mine.title') : t('auth.login.browseCalls')}
              </Link>
            </p>
          </>
        );
      case 'wrong-account':
        return (
          <>
            <p role="alert">{t('proposals.invitation.wrongAccount', { email: me.data?.email ?? '' })}</p>
            <div className="actions">
              <ActionButton
                primary
                pending={logout.isPending}
                label={t('proposals.invitation.switchAccount')}
                onClick={() =>
                  logout.mutate(undefined, {
                    onSuccess: () => navigate(`/login?next=${next}`),
                  })
                }
              />
            </div>
          </>
        );
      case 'signed-out':
        return (
          <>
            <p>{t('proposals.invitation.signedOut')}</p>
            <div className="actions">
              <Link className="button button-primary" to={`/login?next=${next}`}>
                {t('proposals.invitation.login')}
              </Link>
              <Link className="button" to={`/signup?next=${next}`}>
                {t('proposals.invitation.signup')}
              </Link>
            </div>
            <p className="muted small">{t('proposals.invitation.signupHint')}</p>
            <ErrorAlert error={decline.error} />
            <p className="small">
              {t('proposals.invitation.declineWithout')}{' '}
              <button
                type="button"
                className="link-button"
                disabled={decline.isPending}
                onClick={() => decline.mutate(token)}
              >
                {t('proposals.invitation.decline')}
              </button>
            </p>
          </>
        );
      default:
        return (
          <>
            <p>{t('proposals.invitation.ready', { email: me.data?.email ?? '' })}</p>
            <ErrorAlert error={error} />
            <div className="actions">
              <ActionButton
                primary
                pending={accept.isPending}
                label={t('proposals.invitation.accept')}
                onClick={() =>
                  accept.mutate(token, {
                    onSuccess: ({ proposalId }) => navigate(`/proposals/${proposalId}`, { replace: true }),
                  })
                }
              />
              <ActionButton
                pending={decline.isPending}
                label={t('proposals.invitation.decline')}
                onClick={() => decline.mutate(token)}
              />
            </div>
          </>
        );
    }
  };

  const title =
    state === 'dead'
      ? t('proposals.invitation.deadTitle')
      : state === 'declined'
        ? t('proposals.invitation.declinedTitle')
        : t('proposals.invitation.title');
  const showPreview = preview.data && state !== 'dead' && state !== 'declined' && state !== 'missing';
  return (
    <AuthCard title={title}>
      <div className="stack" data-testid="invitation-page" data-state={state}>
        {showPreview && <PreviewCard preview={preview.data} />}
        {preview.isError && state !== 'dead' && <ErrorAlert error={preview.error} />}
        {body()}
      </div>
    </AuthCard>
  );
}
