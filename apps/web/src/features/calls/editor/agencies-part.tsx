import { isMoney } from '@kizuna/shared';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/form';
import { ErrorState } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { moneyText, useCountryName } from '../call-text';
import { useAgencies } from '../use-agencies';
import { useCountries } from '../use-countries';
import type { CallFormValues } from './call-form';
import { EditorPart, ErrorText, listError, Row } from './fields';

function EnvelopePreview({ index }: { index: number }) {
  const { t } = useTranslation();
  const envelope = useWatch<CallFormValues, `agencies.${number}.envelope`>({ name: `agencies.${index}.envelope` });
  const currency = useWatch<CallFormValues, 'currency'>({ name: 'currency' });
  const value = envelope?.trim() ?? '';
  if (!isMoney(value)) return null;
  return (
    <p className="field-hint" data-testid={`agency-envelope-formatted-${index}`}>
      {t('calls.editor.envelopeFormatted', { amount: moneyText(value, currency, currentLocale()) })}
    </p>
  );
}

export function AgenciesPart({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const countryName = useCountryName();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'agencies' });
  const currency = useWatch({ control, name: 'currency' });
  const rows = useWatch({ control, name: 'agencies' }) ?? [];
  const known = new Set((agencies.data ?? []).map((agency) => agency.id));
  const byCountry = new Map<string, NonNullable<typeof agencies.data>>();
  for (const agency of agencies.data ?? []) {
    byCountry.set(agency.countryCode, [...(byCountry.get(agency.countryCode) ?? []), agency]);
  }
  const groups = [...byCountry.entries()]
    .map(([code, list]) => ({ code, name: countryName(code), list }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <EditorPart id="agencies" title={t('calls.editor.parts.agencies')}>
      {agencies.isError && <ErrorState error={agencies.error} onRetry={() => void agencies.refetch()} />}
      {fields.length === 0 && <p className="muted">{t('calls.editor.noAgencies')}</p>}
      <ErrorText id="editor-agencies-error" error={listError(errors.agencies)} />
      {fields.map((item, index) => {
        const chosen = rows[index]?.agencyId ?? '';
        return (
          <Row
            key={item.id}
            label={`${t('calls.editor.parts.agencies')}, ${t('calls.editor.row', { index: index + 1 })}`}
            testId={`agency-row-${index}`}
            onRemove={() => remove(index)}
            removeLabel={t('calls.editor.removeAgency', { index: index + 1 })}
            disabled={disabled}
          >
            {/* Controlled: the options arrive after the value, and an uncontrolled select would lose it. */}
            <Controller
              control={control}
              name={`agencies.${index}.agencyId`}
              render={({ field, fieldState }) => (
                <SelectField label={t('calls.editor.fields.agency')} error={fieldState.error} {...field}>
                  <option value="">{t('calls.editor.chooseAgency')}</option>
                  {chosen && !known.has(chosen) && <option value={chosen}>{chosen}</option>}
                  {groups.map((group) => (
                    <optgroup key={group.code} label={group.name}>
                      {group.list.map((agency) => (
                        <option key={agency.id} value={agency.id}>
                          {`${agency.acronym} — ${agency.name}`}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </SelectField>
              )}
            />
            <div>
              <TextField
                label={t('calls.editor.fields.envelope')}
                inputMode="decimal"
                hint={t('calls.editor.hints.envelope', { currency })}
                error={errors.agencies?.[index]?.envelope}
                {...register(`agencies.${index}.envelope`)}
              />
              <EnvelopePreview index={index} />
            </div>
          </Row>
        );
      })}
      <p>
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => append({ agencyId: '', envelope: '' })}
        >
          {t('calls.editor.addAgency')}
        </button>
      </p>
    </EditorPart>
  );
}

export function RatesPart({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const countries = useCountries();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'rates' });
  const callCurrency = useWatch({ control, name: 'currency' });
  const rates = useWatch({ control, name: 'rates' }) ?? [];
  const chosenAgencies = useWatch({ control, name: 'agencies' }) ?? [];

  // The currencies of the chosen agencies' countries that still lack a rate.
  const present = new Set(rates.map((rate) => rate.currency));
  const suggestions = [
    ...new Set(
      chosenAgencies
        .map((row) => agencies.data?.find((agency) => agency.id === row.agencyId)?.countryCode)
        .map((code) => countries.data?.find((country) => country.code === code)?.currency)
        .filter((code): code is string => !!code && code !== callCurrency && !present.has(code)),
    ),
  ].sort();
  const currencies = [
    ...new Set([...(countries.data ?? []).map((country) => country.currency), 'USD', 'EUR', ...present]),
  ]
    .filter((code) => code && code !== callCurrency)
    .sort();

  return (
    <EditorPart id="rates" title={t('calls.editor.parts.rates')}>
      {fields.length === 0 && <p className="muted">{t('calls.editor.noRates')}</p>}
      <ErrorText id="editor-rates-error" error={listError(errors.rates)} />
      {fields.map((item, index) => {
        const currency = rates[index]?.currency ?? '';
        return (
          <Row
            key={item.id}
            label={`${t('calls.editor.parts.rates')}, ${t('calls.editor.row', { index: index + 1 })}`}
            testId={`rate-row-${index}`}
            onRemove={() => remove(index)}
            removeLabel={t('calls.editor.removeRate', { index: index + 1 })}
            disabled={disabled}
          >
            <SelectField
              label={t('calls.editor.fields.rateCurrency')}
              error={errors.rates?.[index]?.currency}
              {...register(`rates.${index}.currency`)}
            >
              <option value="" />
              {[...new Set([...currencies, currency].filter(Boolean))].sort().map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('calls.editor.fields.rate')}
              inputMode="decimal"
              hint={currency ? t('calls.editor.hints.rate', { currency, callCurrency }) : undefined}
              error={errors.rates?.[index]?.rate}
              {...register(`rates.${index}.rate`)}
            />
          </Row>
        );
      })}
      {suggestions.length > 0 && (
        <div className="suggestions" data-testid="rate-suggestions">
          <p className="muted small">{t('calls.editor.suggestedRates')}</p>
          <ul className="tag-list">
            {suggestions.map((code) => (
              <li key={code}>
                <button
                  type="button"
                  className="button button-small"
                  disabled={disabled}
                  onClick={() => append({ currency: code, rate: '' })}
                >
                  {t('calls.editor.addRateFor', { currency: code })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <button type="button" className="button" disabled={disabled} onClick={() => append({ currency: '', rate: '' })}>
          {t('calls.editor.addRate')}
        </button>
      </p>
    </EditorPart>
  );
}
