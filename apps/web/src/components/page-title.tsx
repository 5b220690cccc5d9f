import { useTranslation } from 'react-i18next';

/** The document title for a page; React hoists <title> into <head>. */
export function PageTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  return <title>{`${title} · ${t('app.title')}`}</title>;
}
