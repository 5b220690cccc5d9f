import { ATTACHMENT_TYPES } from '@kizuna/shared';
import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../components/form';
import { type AttachmentType, asNumber, asNumberOrNull, type CallFormValues } from './call-form';
import { anyError, CheckboxGroup, EditorPart, ErrorText, listError, Row } from './fields';

export function SectionsPart({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'sections' });
  return (
    <EditorPart id="sections" title={t('calls.editor.parts.sections')}>
      {fields.length === 0 && <p className="muted">{t('calls.editor.noSections')}</p>}
      <ErrorText id="editor-sections-error" error={listError(errors.sections)} />
      {fields.map((item, index) => (
        <Row
          key={item.id}
          label={`${t('calls.editor.parts.sections')}, ${t('calls.editor.row', { index: index + 1 })}`}
          testId={`section-row-${index}`}
          onRemove={() => remove(index)}
          removeLabel={t('calls.editor.removeSection', { index: index + 1 })}
          disabled={disabled}
        >
          <TextField
            label={t('calls.editor.fields.key')}
            hint={t('calls.editor.hints.key')}
            maxLength={40}
            error={errors.sections?.[index]?.key}
            {...register(`sections.${index}.key`)}
          />
          <TextField
            label={t('calls.editor.fields.sectionTitle')}
            maxLength={200}
            error={errors.sections?.[index]?.title}
            {...register(`sections.${index}.title`)}
          />
          <TextField
            label={t('calls.editor.fields.maxWords')}
            hint={t('calls.editor.hints.maxWords')}
            type="number"
            min={1}
            max={20000}
            error={errors.sections?.[index]?.maxWords}
            {...register(`sections.${index}.maxWords`, { setValueAs: asNumberOrNull })}
          />
          <TextAreaField
            label={t('calls.editor.fields.guidance')}
            rows={2}
            maxLength={2000}
            error={errors.sections?.[index]?.guidance}
            {...register(`sections.${index}.guidance`)}
          />
        </Row>
      ))}
      <p>
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => append({ key: '', title: '', guidance: '', maxWords: null })}
        >
          {t('calls.editor.addSection')}
        </button>
      </p>
    </EditorPart>
  );
}

export function AttachmentsPart({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'attachments' });
  const typeOptions = ATTACHMENT_TYPES.map((value) => ({ value, label: t(`calls.attachmentTypes.${value}`) }));
  return (
    <EditorPart id="attachments" title={t('calls.editor.parts.attachments')}>
      {fields.length === 0 && <p className="muted">{t('calls.editor.noAttachments')}</p>}
      <ErrorText id="editor-attachments-error" error={listError(errors.attachments)} />
      {fields.map((item, index) => (
        <Row
          key={item.id}
          label={`${t('calls.editor.parts.attachments')}, ${t('calls.editor.row', { index: index + 1 })}`}
          testId={`attachment-row-${index}`}
          onRemove={() => remove(index)}
          removeLabel={t('calls.editor.removeAttachment', { index: index + 1 })}
          disabled={disabled}
        >
          <TextField
            label={t('calls.editor.fields.key')}
            hint={t('calls.editor.hints.key')}
            maxLength={40}
            error={errors.attachments?.[index]?.key}
            {...register(`attachments.${index}.key`)}
          />
          <TextField
            label={t('calls.editor.fields.attachmentTitle')}
            maxLength={200}
            error={errors.attachments?.[index]?.title}
            {...register(`attachments.${index}.title`)}
          />
          <TextField
            label={t('calls.editor.fields.maxSizeMb')}
            type="number"
            min={1}
            max={50}
            error={errors.attachments?.[index]?.maxSizeMb}
            {...register(`attachments.${index}.maxSizeMb`, { setValueAs: asNumber })}
          />
          <label className="checkbox">
            <input type="checkbox" {...register(`attachments.${index}.required`)} />
            {t('calls.editor.fields.required')}
          </label>
          <Controller
            control={control}
            name={`attachments.${index}.types`}
            render={({ field, fieldState }) => (
              <CheckboxGroup
                legend={t('calls.editor.fields.types')}
                options={typeOptions}
                value={field.value}
                onChange={(value) => field.onChange(value as AttachmentType[])}
                error={anyError(fieldState.error)}
                className="checkbox-row"
              />
            )}
          />
        </Row>
      ))}
      <p>
        <button
          type="button"
          className="button"
          disabled={disabled}
          onClick={() => append({ key: '', title: '', required: true, maxSizeMb: 10, types: ['pdf'] })}
        >
          {t('calls.editor.addAttachment')}
        </button>
      </p>
    </EditorPart>
  );
}
