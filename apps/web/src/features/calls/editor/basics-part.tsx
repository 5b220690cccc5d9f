import { DEFAULT_THEMES } from '@kizuna/shared';
import { useDeferredValue, useId, useState } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../../components/form';
import { Markdown } from '../../../components/markdown';
import { themeLabel } from '../call-text';
import type { CallFormValues } from './call-form';
import { anyError, CheckboxGroup, EditorPart } from './fields';

function ThemesField() {
  const { t } = useTranslation();
  const id = useId();
  const { control } = useFormContext<CallFormValues>();
  const { field, fieldState } = useController({ control, name: 'themes' });
  // Free-text themes stay offered once added or loaded, even when unticked.
  const [extras, setExtras] = useState<string[]>(() =>
    field.value.filter((theme) => !(DEFAULT_THEMES as readonly string[]).includes(theme)),
  );
  const [draft, setDraft] = useState('');
  // The value's own themes too: a reloaded call may bring free-text themes of its own.
  const options = [...new Set([...DEFAULT_THEMES, ...extras, ...field.value])].map((value) => ({
    value,
    label: themeLabel(t, value),
  }));

  const add = () => {
    const theme = draft.trim().slice(0, 80);
    if (!theme) return;
    if (!options.some((option) => option.value === theme)) setExtras((current) => [...current, theme]);
    if (!field.value.includes(theme)) field.onChange([...field.value, theme]);
    setDraft('');
  };

  return (
    <div className="stack-tight">
      <CheckboxGroup
        legend={t('calls.editor.fields.themes')}
        options={options}
        value={field.value}
        onChange={field.onChange}
        error={anyError(fieldState.error)}
        testId="editor-themes"
      />
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-theme`}>{t('calls.editor.fields.newTheme')}</label>
          <input
            id={`${id}-theme`}
            value={draft}
            maxLength={80}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </div>
        <button type="button" className="button" onClick={add}>
          {t('calls.editor.addTheme')}
        </button>
      </div>
    </div>
  );
}

function DescriptionPreview() {
  const { t } = useTranslation();
  const description = useWatch<CallFormValues, 'description'>({ name: 'description' });
  const deferred = useDeferredValue(description ?? '');
  return (
    <section className="preview" aria-label={t('calls.editor.preview')} data-testid="description-preview">
      <h3 className="small muted">{t('calls.editor.preview')}</h3>
      {deferred.trim() ? (
        <Markdown source={deferred} headingLevel={3} />
      ) : (
        <p className="muted">{t('calls.editor.previewEmpty')}</p>
      )}
    </section>
  );
}

export function BasicsPart() {
  const { t } = useTranslation();
  const {
    register,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  return (
    <EditorPart id="basics" title={t('calls.editor.parts.basics')}>
      <TextField label={t('calls.editor.fields.title')} maxLength={200} error={errors.title} {...register('title')} />
      <TextAreaField
        label={t('calls.editor.fields.summary')}
        hint={t('calls.editor.hints.summary')}
        rows={2}
        maxLength={500}
        error={errors.summary}
        {...register('summary')}
      />
      <div className="grid-2 editor-description">
        <TextAreaField
          label={t('calls.editor.fields.description')}
          hint={t('calls.editor.hints.description')}
          rows={12}
          error={errors.description}
          {...register('description')}
        />
        <DescriptionPreview />
      </div>
      <ThemesField />
    </EditorPart>
  );
}
