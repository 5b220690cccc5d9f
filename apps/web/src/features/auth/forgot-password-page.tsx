import { zodResolver } from '@hookform/resolvers/zod';
import { EmailOnlyBodySchema } from '@kizuna/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { requestPasswordReset } from '../../api/auth';
import { ErrorAlert, SubmitButton, TextField } from '../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { AuthCard } from './auth-card';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const request = useMutation({ mutationFn: requestPasswordReset });
  const form = useForm<z.input<typeof EmailOnlyBodySchema>, unknown, z.output<typeof EmailOnlyBodySchema>>({
    resolver: zodResolver(EmailOnlyBodySchema, zodIssueOptions),
    defaultValues: { email: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    try {
      await request.mutateAsync(email);
      setSentTo(email);
    } catch (error) {
      applyServerErrors(error, form.setError, ['email']);
    }
  });

  if (sentTo) {
    return (
      <AuthCard title={t('auth.forgot.sentTitle')}>
        <p data-testid="reset-link-sent">{t('auth.forgot.sentBody', { email: sentTo })}</p>
        <p>
          <Link to="/login">{t('auth.forgot.backToLogin')}</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.forgot.title')}>
      <p className="muted">{t('auth.forgot.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorAlert error={request.error} />
        <TextField
          label={t('auth.fields.email')}
          type="email"
          autoComplete="email"
          error={errors.email}
          {...form.register('email')}
        />
        <SubmitButton pending={request.isPending} label={t('auth.forgot.submit')} />
      </form>
      <p>
        <Link to="/login">{t('auth.forgot.backToLogin')}</Link>
      </p>
    </AuthCard>
  );
}
