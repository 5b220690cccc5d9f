import type { Me, Role, RoleGrant } from '@kizuna/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useMe } from '../auth/use-me';
import { Availability, ViewerTime } from '../calls/call-parts';
import { useViewerTimeZone } from '../calls/call-text';
import { usePublicCalls } from '../calls/use-public-calls';

/** The order sections appear in, whatever order the grants come in. */
const ROLE_ORDER: readonly Role[] = ['RESEARCHER', 'REVIEWER', 'PROGRAMME_MANAGER', 'ADMIN'];

function RoleSection({ role, children }: { role: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const id = `home-${role.toLowerCase()}`;
  return (
    <section className="card" aria-labelledby={id} data-testid={`home-section-${role}`}>
      <h2 id={id}>{t(`roles.${role}`)}</h2>
      {children}
    </section>
  );
}

function ManagedProgrammes({ grants }: { grants: RoleGrant[] }) {
  const { t } = useTranslation();
  const global = grants.some((grant) => grant.programmeId === null);
  const names = [
    ...new Set(
      grants
        .filter((grant) => grant.programmeId !== null)
        .map((grant) => grant.programmeName ?? grant.programmeId ?? ''),
    ),
  ].sort((a, b) => a.localeCompare(b));
  return (
    <>
      <p>{t('home.manager.programmes')}</p>
      <ul className="tag-list" data-testid="managed-programmes">
        {global && <li className="tag">{t('home.manager.allProgrammes')}</li>}
        {names.map((name) => (
          <li key={name} className="tag">
            {name}
          </li>
        ))}
      </ul>
      <ul className="link-list">
        <li>
          <Link to="/manage/calls">{t('home.manager.calls')}</Link>
        </li>
        <li>
          <Link to="/manage/calls/new">{t('home.manager.newCall')}</Link>
        </li>
      </ul>
      <p className="muted">{t('home.manager.body')}</p>
    </>
  );
}

const OPEN_CALLS_SHOWN = 3;

/** The soonest-closing open and upcoming calls, with a link to all of them. */
function OpenCalls() {
  const { t } = useTranslation();
  const calls = usePublicCalls({ page: 1, pageSize: OPEN_CALLS_SHOWN });
  const viewerTimeZone = useViewerTimeZone();
  const now = useNow();
  const locale = currentLocale();
  return (
    <div className="stack-tight" data-testid="home-open-calls">
      <h3>{t('home.researcher.openCalls')}</h3>
      {calls.isPending ? (
        <Loading />
      ) : calls.isError ? (
        <ErrorState error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.data.items.length === 0 ? (
        <p className="muted" data-testid="home-no-open-calls">
          {t('home.researcher.noOpenCalls')}
        </p>
      ) : (
        <>
          <ul className="spaced-list">
            {calls.data.items.map((call) => (
              <li key={call.id} data-testid="home-call">
                <Link to={`/calls/${call.id}`}>{call.title}</Link>{' '}
                <Availability status={call.status} opensAt={call.opensAt} viewerTimeZone={viewerTimeZone} now={now} />
                <br />
                <span className="small">
                  {t('calls.closesRelative', { relative: formatRelative(call.closesAt, { locale, now }) })}
                  {' · '}
                  <ViewerTime iso={call.closesAt} viewerTimeZone={viewerTimeZone} />
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/calls">
              {calls.data.total > OPEN_CALLS_SHOWN
                ? t('home.researcher.moreCalls', { total: calls.data.total })
                : t('home.researcher.allCalls')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

function Sections({ me }: { me: Me }) {
  const { t } = useTranslation();
  const held = ROLE_ORDER.filter((role) => me.roles.some((grant) => grant.role === role));
  if (held.length === 0) {
    return (
      <EmptyState>
        <h2>{t('home.noRoles.title')}</h2>
        <p>{t('home.noRoles.body')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="grid-2">
      {held.map((role) => (
        <RoleSection key={role} role={role}>
          {role === 'RESEARCHER' && (
            <>
              <p>{t('home.researcher.body')}</p>
              <p>
                <Link to="/proposals">{t('nav.myProposals')}</Link>
              </p>
              <OpenCalls />
            </>
          )}
          {role === 'REVIEWER' && (
            <>
              <p>{t('home.reviewer.body')}</p>
              <ul className="link-list">
                <li>
                  <Link to="/reviews">{t('nav.myReviews')}</Link>
                </li>
                <li>
                  <Link to="/reviewer/profile">{t('reviews.profile.title')}</Link>
                </li>
              </ul>
            </>
          )}
          {role === 'PROGRAMME_MANAGER' && (
            <ManagedProgrammes grants={me.roles.filter((grant) => grant.role === 'PROGRAMME_MANAGER')} />
          )}
          {role === 'ADMIN' && (
            <>
              <p>{t('home.admin.body')}</p>
              <ul className="link-list">
                <li>
                  <Link to="/admin/users">{t('nav.users')}</Link>
                </li>
                <li>
                  <Link to="/admin/audit">{t('nav.audit')}</Link>
                </li>
                <li>
                  <Link to="/admin/announcements">{t('nav.announcements')}</Link>
                </li>
                <li>
                  <Link to="/admin/jobs">{t('nav.jobs')}</Link>
                </li>
              </ul>
            </>
          )}
        </RoleSection>
      ))}
    </div>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="page">
      <PageTitle title={t('home.title')} />
      {me.isPending ? (
        <Loading />
      ) : me.isError || !me.data ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <>
          <h1>{t('home.welcome', { name: me.data.displayName })}</h1>
          <p className="lead">{t('home.intro')}</p>
          <Sections me={me.data} />
        </>
      )}
    </div>
  );
}
