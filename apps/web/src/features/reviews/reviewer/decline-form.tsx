import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorAlert, SubmitButton, TextAreaField } from '../../../components/form';
import { applyServerErrors } from '../../../lib/form-errors';
import { reasonResolver } from '../reason-dialog';

/**
 * Declining with a reason, in the page itself (the one-click and pool invitation pages): the reason is validated as
 * the contract's body (`toBody(reason)` against `schema`). Browser tests: `decline-form`, the "Why do you decline?"
 * text area.
 */
export function DeclineForm({
  schema,
  toBody,
  onDecline,
  onCancel,
  intro,
}: {
  schema: z.ZodType;
  toBody: (reason: string) => unknown;
  onDecline: (reason: string) => Promise<unknown>;
  onCancel?: () => void;
  intro?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const resolver = useMemo(() => reasonResolver(schema, toBody), [schema, toBody]);
  const form = useForm<{ reason: string }>({ resolver, defaultValues: { reason: '' } });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<unknown>(null);

  const submit = form.handleSubmit(async ({ reason }) => {
    setError(null);
    try {
      await onDecline(reason.trim());
    } catch (caught) {
      if (!applyServerErrors(caught, form.setError, ['reason'])) setError(caught);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="stack" aria-labelledby={`${id}-title`} data-testid="decline-form">
      <h2 id={`${id}-title`}>{t('reviews.decline.title')}</h2>
      <p className="muted small">{intro ?? t('reviews.decline.intro')}</p>
      <ErrorAlert error={error} />
      <TextAreaField
        label={t('reviews.decline.reason')}
        hint={t('reviews.decline.reasonHint')}
        rows={4}
        maxLength={1000}
        error={errors.reason}
        {...form.register('reason')}
      />
      <div className="actions">
        <SubmitButton pending={isSubmitting} label={t('reviews.decline.submit')} />
        {onCancel && (
          <button type="button" className="button" disabled={isSubmitting} onClick={onCancel}>
            {t('reviews.decline.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
