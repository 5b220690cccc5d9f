import {
  DEFAULT_ELIGIBILITY_RULES,
  type EligibilityRuleKind,
  EligibilityRuleSchema,
  KIZUNA_COUNTRIES,
} from '@kizuna/shared';
import { useId, useState } from 'react';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/form';
import { currentLocale } from '../../../i18n';
import { encodeIssue } from '../../../lib/form-errors';
import { ruleText, useCountryName } from '../call-text';
import {
  asNumber,
  type CallFormValues,
  newRuleRow,
  RULE_KINDS,
  RULE_PARAMS,
  type RuleRow,
  rowToRule,
  ruleToRow,
} from './call-form';
import { anyError, CheckboxGroup, EditorPart, ErrorText, listError, Row } from './fields';

/** The rule as it reads on the call page, once its parameters are valid. */
function RuleSentence({ index }: { index: number }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const row = useWatch<CallFormValues, `eligibilityRules.${number}`>({ name: `eligibilityRules.${index}` }) as
    | RuleRow
    | undefined;
  const parsed = row ? EligibilityRuleSchema.safeParse(rowToRule(row)) : undefined;
  if (!parsed?.success) return null;
  return (
    <p className="rule-sentence" data-testid={`rule-sentence-${index}`}>
      {ruleText(t, parsed.data, countryName, currentLocale())}
    </p>
  );
}

function RuleParams({ index, kind }: { index: number; kind: EligibilityRuleKind }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const params = RULE_PARAMS[kind];
  const asean = useWatch({ control, name: `eligibilityRules.${index}.asean` });
  const rowErrors = errors.eligibilityRules?.[index];
  if (params.length === 0) return <p className="muted small">{t('calls.editor.ruleUsesCall')}</p>;
  const countryOptions = KIZUNA_COUNTRIES.map((code) => ({ value: code, label: countryName(code) }));
  return (
    <>
      {params.includes('min') && (
        <TextField
          label={t('calls.editor.fields.min')}
          type="number"
          min={1}
          max={100}
          error={rowErrors?.min}
          {...register(`eligibilityRules.${index}.min`, { setValueAs: asNumber })}
        />
      )}
      {params.includes('max') && (
        <TextField
          label={t('calls.editor.fields.max')}
          type="number"
          min={1}
          max={100}
          error={rowErrors?.max}
          {...register(`eligibilityRules.${index}.max`, { setValueAs: asNumber })}
        />
      )}
      {params.includes('asean') && (
        <label className="checkbox">
          <input type="checkbox" {...register(`eligibilityRules.${index}.asean`)} />
          {t('calls.editor.fields.aseanAll')}
        </label>
      )}
      {params.includes('countries') && !(params.includes('asean') && asean) && (
        <Controller
          control={control}
          name={`eligibilityRules.${index}.countries`}
          render={({ field, fieldState }) => (
            <CheckboxGroup
              legend={t('calls.editor.fields.countries')}
              options={countryOptions}
              value={field.value}
              onChange={field.onChange}
              error={
                anyError(fieldState.error) && field.value.length === 0
                  ? {
                      type: 'too_small',
                      message: encodeIssue({ code: 'too_small', params: { origin: 'array', minimum: 1 } }),
                    }
                  : anyError(fieldState.error)
              }
              className="checkbox-columns"
              testId={`rule-countries-${index}`}
            />
          )}
        />
      )}
    </>
  );
}

export function EligibilityPart({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const {
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const { fields, append, remove, replace } = useFieldArray({ control, name: 'eligibilityRules' });
  const [kindToAdd, setKindToAdd] = useState<EligibilityRuleKind>('max_partners');
  return (
    <EditorPart id="eligibility" title={t('calls.editor.parts.eligibility')}>
      {fields.length === 0 && <p className="muted">{t('calls.editor.noRules')}</p>}
      <ErrorText id="editor-rules-error" error={listError(errors.eligibilityRules)} />
      {fields.map((item, index) => (
        <Row
          key={item.id}
          label={`${t('calls.editor.parts.eligibility')}, ${t('calls.editor.row', { index: index + 1 })}`}
          testId={`rule-row-${index}`}
          onRemove={() => remove(index)}
          removeLabel={t('calls.editor.removeRule', { index: index + 1 })}
          disabled={disabled}
        >
          <div className="row-title">
            <strong>{t(`calls.ruleKinds.${item.kind}`)}</strong>
            <RuleSentence index={index} />
          </div>
          <RuleParams index={index} kind={item.kind} />
        </Row>
      ))}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('calls.editor.ruleToAdd')}</label>
          <select
            id={`${id}-kind`}
            value={kindToAdd}
            disabled={disabled}
            onChange={(event) => setKindToAdd(event.target.value as EligibilityRuleKind)}
          >
            {RULE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`calls.ruleKinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" disabled={disabled} onClick={() => append(newRuleRow(kindToAdd))}>
          {t('calls.editor.addRule')}
        </button>
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => replace(DEFAULT_ELIGIBILITY_RULES.map(ruleToRow))}
        >
          {t('calls.editor.resetRules')}
        </button>
      </div>
    </EditorPart>
  );
}
