import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { fieldErrorMessage, issueMessage, problemMessage } from '../i18n/messages';

interface FieldProps {
  label: string;
  error?: FieldError | undefined;
  hint?: string;
}

function FieldShell({ id, label, error, hint, children }: FieldProps & { id: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
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
    </div>
  );
}

function describedBy(id: string, error: unknown, hint: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField({
  label,
  error,
  hint,
  ref,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  ref,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  ref,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...textarea}
      />
    </FieldShell>
  );
}

/** A group of radio buttons (or other choices) as one field: legend, hint, the options, the error. */
export function ChoiceGroup({
  legend,
  hint,
  error,
  children,
  testId,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error: FieldError | undefined;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset
      className={error ? 'radio-group choice-group field-invalid' : 'radio-group choice-group'}
      aria-invalid={error ? true : undefined}
      aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
      data-testid={testId}
    >
      <legend>{legend}</legend>
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
      <div className="radio-options">{children}</div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {fieldErrorMessage(t, error)}
        </p>
      )}
    </fieldset>
  );
}

/** One choice among a few, as radio buttons registered with react-hook-form. */
export function RadioGroupField({
  legend,
  options,
  error,
  registration,
  testIdPrefix,
}: {
  legend: string;
  options: readonly { value: string; label: string }[];
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
  /** Browser tests: each option gets `<prefix><value>`. */
  testIdPrefix?: string;
}) {
  return (
    <ChoiceGroup legend={legend} error={error}>
      {options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            value={option.value}
            data-testid={testIdPrefix ? `${testIdPrefix}${option.value}` : undefined}
            {...registration}
          />
          {option.label}
        </label>
      ))}
    </ChoiceGroup>
  );
}

/** The error of a whole form or action, translated from its problem code; nothing when there is none. */
export function ErrorAlert({
  error,
  listFieldErrors = false,
  children,
}: {
  error: unknown;
  /** For actions without form fields: say what each field error is about, instead of pointing at fields. */
  listFieldErrors?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  const fieldErrors = listFieldErrors && error instanceof ApiError ? Object.values(error.fieldErrors) : [];
  return (
    <div className="alert alert-error" role="alert">
      {fieldErrors.length === 0 ? (
        <p>{problemMessage(t, error)}</p>
      ) : (
        <ul>
          {fieldErrors.map((fieldError) => (
            <li key={fieldError.path}>{issueMessage(t, fieldError)}</li>
          ))}
        </ul>
      )}
      {requestId && <p className="muted small">{t('errors.reference', { requestId })}</p>}
      {children}
    </div>
  );
}

/** A polite confirmation that something worked. */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

export function SubmitButton({ pending, label }: { pending: boolean; label: string }) {
  // The accessible name stays the label while pending, so people and tests find the same button.
  return (
    <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending || undefined}>
      {pending && <span className="spinner spinner-small" aria-hidden="true" />}
      {label}
    </button>
  );
}
