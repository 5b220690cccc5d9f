import { type ReactNode, useId } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldErrorMessage } from '../../../i18n/messages';

type ErrorNode = { type?: unknown; message?: string; root?: ErrorNode } | undefined;

/** The error about a whole list: react-hook-form keeps it on `root` once the list has rows, else on the list. */
export function listError(node: unknown): FieldError | undefined {
  const error = node as ErrorNode;
  if (!error) return undefined;
  if (error.root?.type !== undefined) return error.root as FieldError;
  return error.type !== undefined ? (error as FieldError) : undefined;
}

/** The first error anywhere below `node` (a list of checkboxes with per-item errors, say). */
export function anyError(node: unknown): FieldError | undefined {
  const direct = listError(node);
  if (direct) return direct;
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ref') continue;
      const nested = anyError(value);
      if (nested) return nested;
    }
  }
  return undefined;
}

export function ErrorText({ id, error }: { id: string; error: FieldError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {fieldErrorMessage(t, { message: error.message, type: error.type ?? 'invalid' })}
    </p>
  );
}

/** One part of the editor, a card with a heading. */
export function EditorPart({
  id,
  title,
  children,
  intro,
}: {
  id: string;
  title: string;
  children: ReactNode;
  intro?: ReactNode;
}) {
  return (
    <section className="card editor-part stack" aria-labelledby={`editor-${id}`} data-testid={`editor-part-${id}`}>
      <h2 id={`editor-${id}`}>{title}</h2>
      {intro}
      {children}
    </section>
  );
}

/** A repeatable row (an agency, a section…), named for assistive technology: "Participating agencies, row 2". */
export function Row({
  label,
  testId,
  onRemove,
  removeLabel,
  disabled,
  children,
}: {
  label: string;
  testId: string;
  onRemove: () => void;
  removeLabel: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would nest the row's own checkbox groups awkwardly.
    <div className="row-card" role="group" aria-label={label} data-testid={testId}>
      <div className="row-fields">{children}</div>
      <button type="button" className="button button-small" onClick={onRemove} disabled={disabled}>
        {removeLabel}
      </button>
    </div>
  );
}

export interface CheckboxOption {
  value: string;
  label: string;
}

/** Checkboxes choosing several values, as one field with a legend, a hint and an error. */
export function CheckboxGroup({
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  disabled,
  testId,
  className,
}: {
  legend: string;
  options: readonly CheckboxOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: FieldError | undefined;
  hint?: string;
  disabled?: boolean;
  testId?: string;
  className?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const toggle = (option: string, checked: boolean) => {
    const next = checked ? [...value, option] : value.filter((item) => item !== option);
    // Keep the order of the options, so the saved list does not depend on the order of the clicks.
    const order = options.map((o) => o.value);
    onChange([...new Set(next)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  };
  return (
    <fieldset
      className={`checkbox-group choice-group ${className ?? ''}`.trim()}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      data-testid={testId}
      disabled={disabled}
    >
      <legend>{legend}</legend>
      <div className="checkbox-options">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              value={option.value}
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <ErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}
