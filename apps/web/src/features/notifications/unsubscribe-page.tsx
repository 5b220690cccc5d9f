import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { unsubscribe } from '../../api/notifications';
import { ErrorAlert, SuccessMessage } from '../../components/form';
import { currentLocale } from '../../i18n';
import { formatList } from '../../lib/format';
import { AuthCard } from '../auth/auth-card';

/** Answers meaning "this token will never work" (expired, tampered with, malformed). */
function isDeadToken(error: unknown): boolean {
  return error instanceof ApiError && [400, 404, 410].includes(error.status);
}

function PreferencesLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/account/notifications">{t('notifications.unsubscribe.preferencesLink')}</Link>
    </p>
  );
}

/**
 * The page an email's unsubscribe link opens; no login needed. It asks before posting: mail scanners open the
 * links of an email, and a GET must not unsubscribe anyone. (Mail clients' one-click button posts to the API.)
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const confirm = useMutation({ mutationFn: unsubscribe });

  if (!token || isDeadToken(confirm.error)) {
    return (
      <AuthCard title={t('notifications.unsubscribe.invalidTitle')}>
        <p role={token ? 'alert' : undefined}>
          {token ? t('notifications.unsubscribe.invalidBody') : t('notifications.unsubscribe.missingToken')}
        </p>
        <PreferencesLink />
      </AuthCard>
    );
  }

  if (confirm.isSuccess) {
    return (
      <AuthCard title={t('notifications.unsubscribe.successTitle')}>
        <SuccessMessage>
          <p data-testid="unsubscribed-categories">
            {confirm.data.categories.length === 0
              ? t('notifications.unsubscribe.successNone')
              : t('notifications.unsubscribe.successBody', {
                  categories: formatList(
                    confirm.data.categories.map((category) => t(`notifications.categories.${category}`)),
                    currentLocale(),
                  ),
                })}
          </p>
        </SuccessMessage>
        <p>{t('notifications.unsubscribe.preferencesHint')}</p>
        <PreferencesLink />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('notifications.unsubscribe.title')}>
      <p>{t('notifications.unsubscribe.body')}</p>
      <ErrorAlert error={confirm.error} />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={confirm.isPending}
          aria-busy={confirm.isPending || undefined}
          onClick={() => confirm.mutate(token)}
        >
          {confirm.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
          {t('notifications.unsubscribe.submit')}
        </button>
      </div>
    </AuthCard>
  );
}
