import { type Locale, LOCALES } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../features/account/use-update-me';
import { useMe } from '../features/auth/use-me';
import { changeLocale, currentLocale } from '../i18n';

/** English / 日本語. Remembered in this browser, and saved to the account when someone is signed in. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateMe();
  const current = currentLocale();

  const choose = async (locale: Locale) => {
    await changeLocale(locale);
    if (me.data && me.data.locale !== locale) update.mutate({ locale });
  };

  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="lang-button"
          aria-pressed={current === locale}
          onClick={() => void choose(locale)}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </div>
  );
}
