import { zodResolver } from '@hookform/resolvers/zod';
import { LoginBodySchema } from '@kizuna/shared';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { resendVerification } from '../../api/auth';
import { isApiError } from '../../api/client';
import { ErrorAlert, SubmitButton, SuccessMessage, TextField } from '../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { AuthCard } from './auth-card';
import { safeNext } from './require-auth';
import { useLogin } from './use-login';
import { useMe } from './use-me';

export function LoginPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const resend = useMutation({ mutationFn: resendVerification });
  const form = useForm<z.input<typeof LoginBodySchema>, unknown, z.output<typeof LoginBodySchema>>({
    resolver: zodResolver(LoginBodySchema, zodIssueOptions),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    resend.reset();
    try {
      await login.mutateAsync(values);
      navigate(next, { replace: true });
    } catch (error) {
      applyServerErrors(error, form.setError, ['email', 'password']);
    }
  });

  const notVerified = isApiError(login.error, 'email_not_verified');

  return (
    <AuthCard title={t('auth.login.title')}>
      <form onSubmit={onSubmit} noValidate className="stack">
        {notVerified ? (
          <div className="alert alert-warning" role="alert">
            <p>{t('auth.login.notVerified')}</p>
            {resend.isSuccess ? (
              <SuccessMessage>{t('auth.verify.resent')}</SuccessMessage>
            ) : (
              <button
                type="button"
                className="button"
                disabled={resend.isPending}
                onClick={() => resend.mutate(form.getValues('email'))}
              >
                {t('auth.verify.resend')}
              </button>
            )}
            <ErrorAlert error={resend.error} />
          </div>
        ) : (
          <ErrorAlert error={login.error} />
        )}
        <TextField
          label={t('auth.fields.email')}
          type="email"
          autoComplete="username"
          error={errors.email}
          {...form.register('email')}
        />
        <TextField
          label={t('auth.fields.password')}
          type="password"
          autoComplete="current-password"
          error={errors.password}
          {...form.register('password')}
        />
        <SubmitButton pending={login.isPending} label={t('auth.login.submit')} />
      </form>
      <p>
        <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
      </p>
      <p>
        {t('auth.login.noAccount')} <Link to="/signup">{t('auth.login.signupLink')}</Link>
      </p>
      <p>
        <Link to="/calls">{t('auth.login.browseCalls')}</Link>
      </p>
    </AuthCard>
  );
}
