import { zodResolver } from '@hookform/resolvers/zod';
import { ChangePasswordBodySchema } from '@kizuna/shared';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { changePassword } from '../../api/auth';
import { ErrorAlert, SubmitButton, SuccessMessage, TextField } from '../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';

const ChangePasswordFormSchema = ChangePasswordBodySchema.extend({ confirmPassword: z.string() }).refine(
  (values) => values.newPassword === values.confirmPassword,
  { path: ['confirmPassword'], params: { code: 'passwords_do_not_match' } },
);
const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useMutation({ mutationFn: changePassword });
  const form = useForm<z.input<typeof ChangePasswordFormSchema>, unknown, z.output<typeof ChangePasswordFormSchema>>({
    resolver: zodResolver(ChangePasswordFormSchema, zodIssueOptions),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      form.reset(EMPTY);
    } catch (error) {
      // A wrong current password comes back as a field error on currentPassword (code wrong_password).
      applyServerErrors(error, form.setError, ['currentPassword', 'newPassword']);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <h2>{t('account.password.title')}</h2>
      <p className="muted">{t('account.password.intro')}</p>
      {change.isSuccess && <SuccessMessage>{t('account.password.changed')}</SuccessMessage>}
      <ErrorAlert error={change.error} />
      <TextField
        label={t('auth.fields.currentPassword')}
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword}
        {...form.register('currentPassword')}
      />
      <TextField
        label={t('auth.fields.newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('auth.hints.password')}
        error={errors.newPassword}
        {...form.register('newPassword')}
      />
      <TextField
        label={t('auth.fields.confirmPassword')}
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword}
        {...form.register('confirmPassword')}
      />
      <SubmitButton pending={change.isPending} label={t('account.password.submit')} />
    </form>
  );
}
