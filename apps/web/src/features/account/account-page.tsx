import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ErrorState, Loading } from '../../components/states';
import { useMe } from '../auth/use-me';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();

  return (
    <div className="page">
      <PageTitle title={t('account.title')} />
      <h1>{t('account.title')}</h1>
      {me.isPending ? (
        <Loading />
      ) : me.isError || !me.data ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <div className="grid-2">
          <section className="card">
            <ProfileForm key={me.data.id} me={me.data} />
          </section>
          <section className="card">
            <ChangePasswordForm />
          </section>
          <section className="card" aria-labelledby="account-notifications">
            <h2 id="account-notifications">{t('account.notifications.title')}</h2>
            <p className="muted">{t('account.notifications.intro')}</p>
            <p>
              <Link to="/account/notifications">{t('account.notifications.link')}</Link>
            </p>
          </section>
        </div>
      )}
    </div>
  );
}
