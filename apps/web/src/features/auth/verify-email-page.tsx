import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { verifyEmail } from '../../api/auth';
import { ApiError } from '../../api/client';
import { ErrorAlert, SuccessMessage } from '../../components/form';
import { Loading } from '../../components/states';
import { AuthCard } from './auth-card';
import { ResendVerificationForm } from './resend-verification-form';

/** Answers that mean "this token will never work": offer a new link instead of a retry. */
function isDeadToken(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 410 || error.status === 400 || error.status === 404);
}

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const verify = useMutation({ mutationFn: verifyEmail });
  const { mutate } = verify;
  // The token is single-use: send it once per token, even when effects run twice (StrictMode).
  const sent = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sent.current === token) return;
    sent.current = token;
    mutate(token);
  }, [token, mutate]);

  if (!token || isDeadToken(verify.error)) {
    return (
      <AuthCard title={t('auth.verify.invalidTitle')}>
        <p role={token ? 'alert' : undefined}>{token ? t('auth.verify.invalidBody') : t('auth.verify.missingToken')}</p>
        <ResendVerificationForm />
      </AuthCard>
    );
  }

  if (verify.isSuccess) {
    return (
      <AuthCard title={t('auth.verify.successTitle')}>
        <SuccessMessage>{t('auth.verify.successBody')}</SuccessMessage>
        <p>
          <Link className="button button-primary" to="/login">
            {t('auth.verify.loginLink')}
          </Link>
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.verify.title')}>
      {verify.isError ? (
        <ErrorAlert error={verify.error}>
          <button type="button" className="button" onClick={() => verify.mutate(token)}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : (
        <Loading label={t('auth.verify.verifying')} />
      )}
    </AuthCard>
  );
}
