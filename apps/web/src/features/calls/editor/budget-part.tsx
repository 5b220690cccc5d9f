import { CURRENCY_MINOR_UNITS } from '@kizuna/shared';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/form';
import { currentLocale } from '../../../i18n';
import { currencyLabel } from '../call-text';
import { useCountries } from '../use-countries';
import { asNumber, type CallFormValues } from './call-form';
import { EditorPart } from './fields';

/**
 * The currencies a call may use: those of the platform's countries (from /reference/countries), USD and EUR, and
 * whatever the call already has. Until the countries load, the currencies money.ts knows stand in.
 */
export function useCurrencies(...keep: (string | undefined)[]): string[] {
  const countries = useCountries();
  const base = countries.data ? countries.data.map((country) => country.currency) : Object.keys(CURRENCY_MINOR_UNITS);
  const all = new Set([...base, 'USD', 'EUR', ...keep.filter((c): c is string => !!c)]);
  return [...all].sort();
}

export function BudgetPart() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const currency = useWatch({ control, name: 'currency' });
  const currencies = useCurrencies(currency);
  return (
    <EditorPart id="budget" title={t('calls.editor.parts.budget')}>
      <div className="grid-2">
        <SelectField label={t('calls.editor.fields.currency')} error={errors.currency} {...register('currency')}>
          {currencies.map((code) => (
            <option key={code} value={code}>
              {currencyLabel(code, locale)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('calls.editor.fields.maxDurationMonths')}
          type="number"
          min={1}
          max={120}
          step={1}
          error={errors.maxDurationMonths}
          {...register('maxDurationMonths', { setValueAs: asNumber })}
        />
        <TextField
          label={t('calls.editor.fields.capPerProposal')}
          inputMode="decimal"
          hint={t('calls.editor.hints.money', { currency })}
          error={errors.capPerProposal}
          {...register('capPerProposal')}
        />
        <TextField
          label={t('calls.editor.fields.capPerPartner')}
          inputMode="decimal"
          hint={t('calls.editor.hints.money', { currency })}
          error={errors.capPerPartner}
          {...register('capPerPartner')}
        />
        <TextField
          label={t('calls.editor.fields.indirectRate')}
          inputMode="decimal"
          hint={t('calls.editor.hints.indirectRate')}
          error={errors.indirectRate}
          {...register('indirectRate')}
        />
      </div>
    </EditorPart>
  );
}
