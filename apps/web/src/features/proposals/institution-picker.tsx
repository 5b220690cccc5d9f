import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../api/reference';
import { currentLocale } from '../../i18n';
import { fieldErrorMessage } from '../../i18n/messages';
import { useCountryName } from '../calls/call-text';
import { useCountries } from '../calls/use-countries';
import { RequestInstitutionForm } from './request-institution-form';
import { useInstitutions } from './use-institutions';

/** "Universiti Malaya (UM)", with " — Malaysia" when the country is not chosen already. */
export function institutionLabel(
  institution: { name: string; shortName: string | null },
  country: string | undefined,
): string {
  const name =
    institution.shortName && institution.shortName !== institution.name
      ? `${institution.name} (${institution.shortName})`
      : institution.name;
  return country ? `${name} — ${country}` : name;
}

/**
 * Chooses an institution from the directory: narrow by country and by a few letters of the name, then pick one.
 * Missing from the directory: "Can't find your institution? Request it" asks for it (reference.requestInstitution);
 * the new one is chosen at once and marked "Pending approval" until an admin approves it. `value` is the institution
 * id ('' for none). Browser tests: the selects are labelled "Country" and `label`; `request-institution`,
 * `institution-pending`.
 */
export function InstitutionPicker({
  label,
  value,
  onChange,
  error,
  hint,
  disabled,
  excludeIds = [],
  testId,
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: FieldError | undefined;
  hint?: string;
  disabled?: boolean;
  /** Institutions not to offer (partners already in the consortium). */
  excludeIds?: readonly string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const countries = useCountries();
  const countryName = useCountryName();
  const [country, setCountry] = useState('');
  const [search, setSearch] = useState('');
  const [requesting, setRequesting] = useState(false);
  /** The institution this user just requested: chosen at once, even before the directory is looked up again. */
  const [requested, setRequested] = useState<Institution | null>(null);
  const q = useDeferredValue(search.trim());
  const institutions = useInstitutions({ country: country || undefined, q: q || undefined });
  const locale = currentLocale();
  const countryOptions = useMemo(
    () =>
      (countries.data ?? [])
        .map((c) => ({ code: c.code, name: locale === 'ja' ? c.nameJa : c.nameEn }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    [countries.data, locale],
  );
  const excluded = new Set(excludeIds);
  const listed = (institutions.data ?? []).filter((institution) => !excluded.has(institution.id));
  const options =
    requested && !listed.some((institution) => institution.id === requested.id) && value === requested.id
      ? [requested, ...listed]
      : listed;
  const chosen = options.find((institution) => institution.id === value);
  const chosenMissing = value && !chosen;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className="institution-picker choice-group" data-testid={testId} disabled={disabled}>
      <legend>{label}</legend>
      <div className="grid-3">
        <div className="field">
          <label htmlFor={`${id}-country`}>{t('proposals.institution.country')}</label>
          <select
            id={`${id}-country`}
            value={country}
            onChange={(event) => {
              setCountry(event.target.value);
              onChange('');
            }}
          >
            <option value="">{t('proposals.institution.allCountries')}</option>
            {countryOptions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('proposals.institution.search')}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            maxLength={100}
            placeholder={t('proposals.institution.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-institution`}>{t('proposals.institution.institution')}</label>
          <select
            id={`${id}-institution`}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            aria-busy={institutions.isFetching || undefined}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">
              {institutions.isPending
                ? t('common.loading')
                : options.length === 0
                  ? t('proposals.institution.noMatch')
                  : t('proposals.institution.choose')}
            </option>
            {chosenMissing && <option value={value}>{t('proposals.institution.chosen')}</option>}
            {options.map((institution) => (
              <option key={institution.id} value={institution.id}>
                {institutionLabel(institution, country ? undefined : countryName(institution.countryCode))}
                {institution.status === 'PENDING' ? ` (${t('proposals.institution.pendingOption')})` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen?.status === 'PENDING' && (
        <p className="small" data-testid="institution-pending">
          <span className="badge badge-draft">{t('proposals.institution.pending')}</span>{' '}
          <span className="muted">{t('proposals.institution.pendingHint')}</span>
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {fieldErrorMessage(t, error)}
        </p>
      )}
      {institutions.isError && (
        <p className="field-error" role="alert">
          {t('proposals.institution.loadError')}
        </p>
      )}
      {!disabled &&
        (requesting ? (
          <RequestInstitutionForm
            countries={countryOptions}
            initialCountry={country}
            initialName={search.trim()}
            onCancel={() => setRequesting(false)}
            onCreated={(institution) => {
              setRequested(institution);
              setRequesting(false);
              setCountry(institution.countryCode);
              setSearch('');
              onChange(institution.id);
            }}
          />
        ) : (
          <p className="small">
            {t('proposals.institution.cantFind')}{' '}
            <button
              type="button"
              className="link-button"
              aria-expanded={false}
              data-testid="request-institution-open"
              onClick={() => setRequesting(true)}
            >
              {t('proposals.institution.requestIt')}
            </button>
          </p>
        ))}
    </fieldset>
  );
}
