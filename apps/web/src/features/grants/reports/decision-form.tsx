import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert, TextAreaField } from '../../../components/form';
import { applyServerErrors, decodeIssue, encodeIssue, zodIssueOptions } from '../../../lib/form-errors';

interface Choice<D extends string> {
  decision: D;
  label: string;
  testId: string;
}

/**
 * A manager's decision with a comment: accept/return a report (ReviewBodySchema), approve/reject an amendment
 * (DecideAmendmentBodySchema). The body `{ decision, comment }` is checked with the contract's schema, so the comment
 * is required exactly when the contract says (returning, rejecting).
 */
export function DecisionForm<D extends string>({
  title,
  intro,
  commentLabel,
  commentHint,
  schema,
  accept,
  reject,
  onDecide,
  testId,
}: {
  title: string;
  intro?: string;
  commentLabel: string;
  commentHint: string;
  schema: z.ZodType;
  accept: Choice<D>;
  reject: Choice<D>;
  onDecide: (body: { decision: D; comment: string }) => Promise<unknown>;
  testId: string;
}) {
  const id = useId();
  const form = useForm<{ comment: string }>({ defaultValues: { comment: '' } });
  const [pending, setPending] = useState<D | null>(null);
  const [error, setError] = useState<unknown>(null);

  const decide = async (decision: D) => {
    setError(null);
    form.clearErrors();
    const { comment } = form.getValues();
    const parsed = schema.safeParse({ decision, comment }, zodIssueOptions);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const known = decodeIssue(issue?.message);
      // A refinement's own message is prose: say how long the comment must be instead.
      const message =
        comment.trim() === ''
          ? encodeIssue({ code: 'required' })
          : known
            ? issue?.message
            : encodeIssue({ code: 'too_small', params: { origin: 'string', minimum: 3 } });
      form.setError('comment', { type: 'custom', message }, { shouldFocus: true });
      return;
    }
    setPending(decision);
    try {
      await onDecide(parsed.data as { decision: D; comment: string });
      form.reset();
    } catch (caught) {
      if (!applyServerErrors(caught, form.setError, ['comment'])) setError(caught);
    } finally {
      setPending(null);
    }
  };

  const button = (choice: Choice<D>, primary: boolean) => (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      disabled={pending !== null}
      aria-busy={pending === choice.decision || undefined}
      data-testid={choice.testId}
      onClick={() => void decide(choice.decision)}
    >
      {pending === choice.decision && <span className="spinner spinner-small" aria-hidden="true" />}
      {choice.label}
    </button>
  );

  return (
    <section className="card stack-tight" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p className="muted small">{intro}</p>}
      <ErrorAlert error={error} />
      <TextAreaField
        label={commentLabel}
        hint={commentHint}
        rows={3}
        maxLength={5000}
        error={form.formState.errors.comment}
        {...form.register('comment')}
      />
      <div className="actions">
        {button(accept, true)}
        {button(reject, false)}
      </div>
    </section>
  );
}
