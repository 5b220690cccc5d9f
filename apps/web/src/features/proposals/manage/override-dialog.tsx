import { zodResolver } from '@hookform/resolvers/zod';
import { EligibilityVerdictBodySchema } from '@kizuna/shared';
import { useEffect, useId, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ManagedProposal } from '../../../api/manage-proposals';
import { ErrorAlert, RadioGroupField, SubmitButton, TextAreaField } from '../../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../../lib/form-errors';
import { useOverrideEligibility } from './use-override-eligibility';

type Input = z.input<typeof EligibilityVerdictBodySchema>;
type Output = z.output<typeof EligibilityVerdictBodySchema>;

/**
 * A manager overrides a proposal's eligibility verdict, with a reason (audited): a modal form on a native <dialog>.
 * Browser tests: `override-dialog`, the radios "Eligible" / "Not eligible", the "Reason" text area.
 */
export function OverrideDialog({
  proposal,
  onDone,
  onCancel,
}: {
  proposal: ManagedProposal;
  onDone: (verdict: Output['verdict']) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const override = useOverrideEligibility();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(EligibilityVerdictBodySchema, zodIssueOptions),
    defaultValues: {
      verdict: proposal.status === 'ELIGIBLE' ? 'INELIGIBLE' : 'ELIGIBLE',
      reason: '',
    },
  });
  const { errors } = form.formState;

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

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await override.mutateAsync({ id: proposal.id, body });
      onDone(body.verdict);
    } catch (error) {
      applyServerErrors(error, form.setError, ['verdict', 'reason']);
    }
  });

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="override-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!override.isPending) onCancel();
      }}
    >
      <form onSubmit={onSubmit} noValidate className="stack">
        <h2 id={`${id}-title`}>{t('proposals.manage.overrideTitle', { acronym: proposal.acronym })}</h2>
        <p className="muted small">
          {t('proposals.manage.overrideIntro', { status: t(`proposals.status.${proposal.status}`) })}
        </p>
        <ErrorAlert error={override.error} />
        <RadioGroupField
          legend={t('proposals.manage.verdict')}
          options={(['ELIGIBLE', 'INELIGIBLE'] as const).map((value) => ({
            value,
            label: t(`proposals.status.${value}`),
          }))}
          error={errors.verdict}
          registration={form.register('verdict')}
        />
        <TextAreaField
          label={t('proposals.manage.reason')}
          hint={t('proposals.manage.reasonHint')}
          rows={4}
          maxLength={2000}
          error={errors.reason}
          {...form.register('reason')}
        />
        <div className="actions">
          <SubmitButton pending={override.isPending} label={t('proposals.manage.overrideSubmit')} />
          <button type="button" className="button" disabled={override.isPending} onClick={onCancel}>
            {t('proposals.submit.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
