import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../components/form';
import { asNumber, type CallFormValues } from './call-form';
import { EditorPart, ErrorText, listError, Row } from './fields';

/** The live sum of the criteria weights, which must be 100. */
function WeightTotal() {
  const { t } = useTranslation();
  const criteria = useWatch<CallFormValues, 'rubric.criteria'>({ name: 'rubric.criteria' }) ?? [];
  const total = criteria.reduce(
    (sum, criterion) => sum + (Number.isFinite(criterion?.weight) ? Number(criterion?.weight) : 0),
    0,
  );
  const ok = total === 100;
  return (
    <p
      className={ok ? 'weight-total weight-total-ok' : 'weight-total weight-total-wrong'}
      role="status"
      aria-live="polite"
      data-testid="rubric-total"
      data-total={total}
      data-valid={ok}
    >
      {ok ? t('calls.editor.weightTotal', { total }) : t('calls.editor.weightTotalWrong', { total })}
    </p>
  );
}

export function RubricPart({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'rubric.criteria' });
  return (
    <EditorPart id="rubric" title={t('calls.editor.parts.rubric')}>
      <div className="grid-3">
        <TextField
          label={t('calls.editor.fields.scaleMin')}
          type="number"
          min={0}
          max={10}
          error={errors.rubric?.scale?.min}
          {...register('rubric.scale.min', { setValueAs: asNumber })}
        />
        <TextField
          label={t('calls.editor.fields.scaleMax')}
          type="number"
          min={1}
          max={100}
          error={errors.rubric?.scale?.max}
          {...register('rubric.scale.max', { setValueAs: asNumber })}
        />
        <TextField
          label={t('calls.editor.fields.reviewersPerProposal')}
          type="number"
          min={1}
          max={10}
          error={errors.reviewersPerProposal}
          {...register('reviewersPerProposal', { setValueAs: asNumber })}
        />
      </div>
      <WeightTotal />
      <ErrorText id="editor-criteria-error" error={listError(errors.rubric?.criteria)} />
      {fields.map((item, index) => (
        <Row
          key={item.id}
          label={`${t('calls.editor.parts.rubric')}, ${t('calls.editor.row', { index: index + 1 })}`}
          testId={`criterion-row-${index}`}
          onRemove={() => remove(index)}
          removeLabel={t('calls.editor.removeCriterion', { index: index + 1 })}
          disabled={disabled || fields.length <= 1}
        >
          <TextField
            label={t('calls.editor.fields.key')}
            hint={t('calls.editor.hints.key')}
            maxLength={40}
            error={errors.rubric?.criteria?.[index]?.key}
            {...register(`rubric.criteria.${index}.key`)}
          />
          <TextField
            label={t('calls.editor.fields.criterionTitle')}
            maxLength={200}
            error={errors.rubric?.criteria?.[index]?.title}
            {...register(`rubric.criteria.${index}.title`)}
          />
          <TextField
            label={t('calls.editor.fields.weight')}
            type="number"
            min={1}
            max={100}
            error={errors.rubric?.criteria?.[index]?.weight}
            {...register(`rubric.criteria.${index}.weight`, { setValueAs: asNumber })}
          />
          <TextAreaField
            label={t('calls.editor.fields.guidance')}
            rows={2}
            maxLength={4000}
            error={errors.rubric?.criteria?.[index]?.guidance}
            {...register(`rubric.criteria.${index}.guidance`)}
          />
        </Row>
      ))}
      <p>
        <button
          type="button"
          className="button"
          disabled={disabled || fields.length >= 20}
          onClick={() => append({ key: '', title: '', weight: undefined, guidance: '' })}
        >
          {t('calls.editor.addCriterion')}
        </button>
      </p>
    </EditorPart>
  );
}
