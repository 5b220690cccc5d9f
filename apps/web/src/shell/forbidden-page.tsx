import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/page-title';
import { ForbiddenContent } from '../components/states';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t('pages.forbidden.title')} />
      <ForbiddenContent />
    </div>
  );
}
