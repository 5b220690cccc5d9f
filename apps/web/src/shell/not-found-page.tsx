import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page state" data-testid="not-found">
      <PageTitle title={t('pages.notFound.title')} />
      <h1>{t('pages.notFound.title')}</h1>
      <p>{t('pages.notFound.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </div>
  );
}
