import { zodResolver } from '@hookform/resolvers/zod';
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { type FieldValues, type Resolver, type ResolverResult, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert, SubmitButton, TextAreaField } from '../../components/form';
import { applyServerErrors, encodeIssue, zodIssueOptions } from '../../lib/form-errors';

interface ReasonValues {
  reason: string;
}

/**
 * A resolver for one "reason" text area, validated as the body the contract wants (`toBody(reason)` against
 * `schema`): a blank reason says "required" rather than the refinement's generic message.
 */
export function reasonResolver(
  schema: z.ZodType,
  toBody: (reason: string) => unknown = (reason) => ({ reason }),
): Resolver<ReasonValues> {
  const resolve = zodResolver(schema as never, zodIssueOptions) as unknown as Resolver<FieldValues, unknown>;
  return async (values, context, options): Promise<ResolverResult<ReasonValues>> => {
    const result = await resolve(
      toBody(values.reason) as FieldValues,
      context,
      options as unknown as Parameters<typeof resolve>[2],
    );
    const error = result.errors.reason as { type?: unknown; message?: unknown } | undefined;
    if (!error) return { values, errors: {} };
    const message =
      values.reason.trim() === '' || typeof error.message !== 'string'
        ? encodeIssue({ code: 'required' })
        : error.message;
    return { values: {}, errors: { reason: { type: String(error.type ?? 'custom'), message } } };
  };
}

/**
 * A modal form asking why (declining an invitation, declaring a conflict, lifting one): a native <dialog> like the
 * other dialogs of the app. `onSubmit` rejects with the API's error, which is shown on the field or above it.
 * Browser tests: `testId` on the dialog, the text area labelled `label`.
 */
export function ReasonDialog({
  title,
  intro,
  label,
  hint,
  submitLabel,
  cancelLabel,
  schema,
  toBody,
  onSubmit,
  onCancel,
  testId,
}: {
  title: string;
  intro?: ReactNode;
  label: string;
  hint?: string;
  submitLabel: string;
  cancelLabel: string;
  schema: z.ZodType;
  toBody?: (reason: string) => unknown;
  onSubmit: (reason: string) => Promise<unknown>;
  onCancel: () => void;
  testId?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const resolver = useMemo(() => reasonResolver(schema, toBody), [schema, toBody]);
  const form = useForm<ReasonValues>({ resolver, defaultValues: { reason: '' } });
  const { errors, isSubmitting } = form.formState;
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (typeof dialog.showModal === 'function') {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    return () => {
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
    };
  }, []);

  const submit = form.handleSubmit(async ({ reason }) => {
    setError(null);
    try {
      await onSubmit(reason.trim());
    } catch (caught) {
      if (!applyServerErrors(caught, form.setError, ['reason'])) setError(caught);
    }
  });

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        if (!isSubmitting) onCancel();
      }}
    >
      <form onSubmit={submit} noValidate className="stack">
        <h2 id={`${id}-title`}>{title}</h2>
        {intro}
        <ErrorAlert error={error} />
        <TextAreaField
          label={label}
          hint={hint}
          rows={4}
          maxLength={1000}
          error={errors.reason}
          {...form.register('reason')}
        />
        <div className="actions">
          <SubmitButton pending={isSubmitting} label={submitLabel} />
          <button type="button" className="button" disabled={isSubmitting} onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
