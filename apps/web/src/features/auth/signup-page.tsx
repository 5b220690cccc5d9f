import { zodResolver } from '@hookform/resolvers/zod';
import { LOCALES, RegisterBodySchema } from '@kizuna/shared';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { register as registerAccount } from '../../api/auth';
import { ErrorAlert, SelectField, SubmitButton, TextField } from '../../components/form';
import { currentLocale } from '../../i18n';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { browserTimeZone, timeZoneOptions } from '../../lib/time-zones';
import { AuthCard } from './auth-card';
import { safeNext } from './require-auth';

/** The shared register body plus a confirmation the server never sees. */
export const SignupFormSchema = RegisterBodySchema.extend({ confirmPassword: z.string() }).refine(
  (values) => values.password === values.confirmPassword,
  { path: ['confirmPassword'], params: { code: 'passwords_do_not_match' } },
);
type SignupInput = z.input<typeof SignupFormSchema>;
type SignupOutput = z.output<typeof SignupFormSchema>;

const SERVER_FIELDS = ['email', 'password', 'displayName', 'locale', 'timeZone'] as const;

export function SignupPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  // Where the sign-up began (an invitation link, say): the log-in links lead back there.
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const loginTo = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  const signup = useMutation({ mutationFn: registerAccount });
  const defaultTimeZone = useMemo(() => browserTimeZone(), []);
  const zones = useMemo(() => timeZoneOptions(defaultTimeZone), [defaultTimeZone]);
  const form = useForm<SignupInput, unknown, SignupOutput>({
    resolver: zodResolver(SignupFormSchema, zodIssueOptions),
    defaultValues: {
      displayName: '',
      email: '',
      password: '',
      confirmPassword: '',
      locale: currentLocale(),
      timeZone: defaultTimeZone,
    },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ confirmPassword: _confirm, ...body }) => {
    try {
      await signup.mutateAsync(body);
      setSentTo(body.email);
    } catch (error) {
      applyServerErrors(error, form.setError, SERVER_FIELDS);
    }
  });

  if (sentTo) {
    return (
      <AuthCard title={t('auth.signup.checkEmailTitle')}>
        <p data-testid="signup-check-email">{t('auth.signup.checkEmailBody', { email: sentTo })}</p>
        <p>
          <Link to={loginTo}>{t('auth.signup.loginLink')}</Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.signup.title')}>
      <p className="muted">{t('auth.signup.intro')}</p>
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorAlert error={signup.error} />
        <TextField
          label={t('auth.fields.displayName')}
          autoComplete="name"
          error={errors.displayName}
          {...form.register('displayName')}
        />
        <TextField
          label={t('auth.fields.email')}
          type="email"
          autoComplete="email"
          error={errors.email}
          {...form.register('email')}
        />
        <TextField
          label={t('auth.fields.password')}
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
        <SelectField label={t('auth.fields.locale')} error={errors.locale} {...form.register('locale')}>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {t(`language.${locale}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('auth.fields.timeZone')}
          hint={t('auth.hints.timeZone')}
          error={errors.timeZone}
          {...form.register('timeZone')}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <SubmitButton pending={signup.isPending} label={t('auth.signup.submit')} />
      </form>
      <p>
        {t('auth.signup.haveAccount')} <Link to={loginTo}>{t('auth.signup.loginLink')}</Link>
      </p>
    </AuthCard>
  );
}
