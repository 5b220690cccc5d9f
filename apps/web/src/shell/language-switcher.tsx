import { LOCALES } from '@kizuna/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../features/account/use-update-me';
import { useMe } from '../features/auth/use-me';
import { changeLocale, currentLocale, isLocale } from '../i18n';

/** English / 日本語. Remembered in this browser, and saved to the account when someone is signed in. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe();
  const update = useUpdateMe();

  const choose = async (value: string) => {
    if (!isLocale(value)) return;
    await changeLocale(value);
    if (me.data && me.data.locale !== value) update.mutate({ locale: value });
  };

  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select id={id} value={currentLocale()} onChange={(event) => void choose(event.target.value)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`language.${locale}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
