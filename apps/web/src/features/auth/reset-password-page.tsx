import { zodResolver } from '@hookform/resolvers/zod';
import { ResetPasswordBodySchema } from '@kizuna/shared';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { confirmPasswordReset } from '../../api/auth';
import { ApiError } from '../../api/client';
import { ErrorAlert, SubmitButton, SuccessMessage, TextField } from '../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { AuthCard } from './auth-card';

const ResetFormSchema = ResetPasswordBodySchema.pick({ password: true })
  .extend({ confirmPassword: z.string() })
  .refine((values) => values.password === values.confirmPassword, {
    path: ['confirmPassword'],
    params: { code: 'passwords_do_not_match' },
  });

function isDeadToken(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.code === 'token_invalid' || error.status === 410 || 'token' in error.fieldErrors;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const reset = useMutation({ mutationFn: confirmPasswordReset });
  const form = useForm<z.input<typeof ResetFormSchema>, unknown, z.output<typeof ResetFormSchema>>({
    resolver: zodResolver(ResetFormSchema, zodIssueOptions),
    defaultValues: { password: '', confirmPassword: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    try {
      await reset.mutateAsync({ token, password });
    } catch (error) {
      applyServerErrors(error, form.setError, ['password']);
    }
  });

  if (!token || isDeadToken(reset.error)) {
    return (
      <AuthCard title={t('auth.reset.invalidTitle')}>
        <p role={token ? 'alert' : undefined}>{token ? t('auth.reset.invalidBody') : t('auth.reset.missingToken')}</p>
        <p>
          <Link className="button button-primary" to="/forgot-password">
            {t('auth.reset.requestNew')}
          </Link>
        </p>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title={t('auth.reset.successTitle')}>
        <SuccessMessage>{t('auth.reset.successBody')}</SuccessMessage>
        <p>
          <Link className="button button-primary" to="/login">
            {t('auth.reset.loginLink')}
          </Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.reset.title')}>
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorAlert error={reset.error} />
        <TextField
          label={t('auth.fields.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('auth.hints.password')}
          error={errors.password}
          {...form.register('password')}
        />
        <TextField
          label={t('auth.fields.confirmPassword')}
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword}
          {...form.register('confirmPassword')}
        />
        <SubmitButton pending={reset.isPending} label={t('auth.reset.submit')} />
      </form>
    </AuthCard>
  );
}
