import { zodResolver } from '@hookform/resolvers/zod';
import { LOCALES, type Me, UpdateProfileBodySchema } from '@kizuna/shared';
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorAlert, SelectField, SubmitButton, SuccessMessage, TextField } from '../../components/form';
import { changeLocale } from '../../i18n';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { timeZoneOptions } from '../../lib/time-zones';
import { useUpdateMe } from './use-update-me';

/** Every profile field is required in this form, though the API accepts any subset. */
const ProfileFormSchema = UpdateProfileBodySchema.required();
const FIELDS = ['displayName', 'locale', 'timeZone'] as const;

export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const update = useUpdateMe();
  const zones = useMemo(() => timeZoneOptions(me.timeZone), [me.timeZone]);
  const form = useForm<z.input<typeof ProfileFormSchema>, unknown, z.output<typeof ProfileFormSchema>>({
    resolver: zodResolver(ProfileFormSchema, zodIssueOptions),
    defaultValues: { displayName: me.displayName, locale: me.locale, timeZone: me.timeZone },
  });
  const { errors } = form.formState;
  const { resetField, getFieldState } = form;

  // The header's language switcher changes the saved locale too; follow it unless the field was edited here.
  useEffect(() => {
    if (!getFieldState('locale').isDirty) resetField('locale', { defaultValue: me.locale });
  }, [me.locale, resetField, getFieldState]);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values);
      form.reset({ displayName: saved.displayName, locale: saved.locale, timeZone: saved.timeZone });
      await changeLocale(saved.locale);
    } catch (error) {
      applyServerErrors(error, form.setError, FIELDS);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <h2>{t('account.profile.title')}</h2>
      <dl className="facts">
        <dt>{t('account.profile.email')}</dt>
        <dd>{me.email}</dd>
      </dl>
      {update.isSuccess && !form.formState.isDirty && <SuccessMessage>{t('account.profile.saved')}</SuccessMessage>}
      <ErrorAlert error={update.error} />
      <TextField
        label={t('auth.fields.displayName')}
        autoComplete="name"
        error={errors.displayName}
        {...form.register('displayName')}
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
      <SubmitButton pending={update.isPending} label={t('common.save')} />
    </form>
  );
}
