import { zodResolver } from '@hookform/resolvers/zod';
import { EmailOnlyBodySchema } from '@kizuna/shared';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { resendVerification } from '../../api/auth';
import { ErrorAlert, SubmitButton, SuccessMessage, TextField } from '../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';

/** Asks for a new verification email; the answer never says whether the address has an account. */
export function ResendVerificationForm({ defaultEmail = '' }: { defaultEmail?: string }) {
  const { t } = useTranslation();
  const resend = useMutation({ mutationFn: resendVerification });
  const form = useForm<z.input<typeof EmailOnlyBodySchema>, unknown, z.output<typeof EmailOnlyBodySchema>>({
    resolver: zodResolver(EmailOnlyBodySchema, zodIssueOptions),
    defaultValues: { email: defaultEmail },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    try {
      await resend.mutateAsync(email);
    } catch (error) {
      applyServerErrors(error, form.setError, ['email']);
    }
  });

  if (resend.isSuccess) return <SuccessMessage>{t('auth.verify.resent')}</SuccessMessage>;
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <ErrorAlert error={resend.error} />
      <TextField
        label={t('auth.fields.email')}
        type="email"
        autoComplete="email"
        error={errors.email}
        {...form.register('email')}
      />
      <SubmitButton pending={resend.isPending} label={t('auth.verify.resend')} />
    </form>
  );
}
