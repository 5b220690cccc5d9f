import { zodResolver } from '@hookform/resolvers/zod';
import {
  DELIVERY_MODES,
  type DeliveryMode,
  type NotificationCategory,
  UpdatePreferencesBodySchema,
} from '@kizuna/shared';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { ErrorAlert, SubmitButton, SuccessMessage } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { ErrorState, Loading } from '../../components/states';
import { zodIssueOptions } from '../../lib/form-errors';
import { useNotificationPreferences } from './use-notification-preferences';
import { useUpdatePreferences } from './use-update-preferences';

interface Preference {
  category: NotificationCategory;
  mode: DeliveryMode;
  locked: boolean;
}

type FormInput = z.input<typeof UpdatePreferencesBodySchema>;
type FormOutput = z.output<typeof UpdatePreferencesBodySchema>;

/** The form holds only what may change: locked categories are shown, never sent. */
function editable(preferences: readonly Preference[]): FormInput {
  return {
    preferences: preferences
      .filter((preference) => !preference.locked)
      .map(({ category, mode }) => ({ category, mode }) as FormInput['preferences'][number]),
  };
}

function LockedPreference({ preference }: { preference: Preference }) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <fieldset
      className="preference preference-locked"
      disabled
      aria-describedby={hintId}
      data-testid={`preference-${preference.category}`}
    >
      <legend>{t(`notifications.categories.${preference.category}`)}</legend>
      <div className="radio-group">
        {DELIVERY_MODES.map((mode) => (
          <label key={mode} className="radio">
            <input
              type="radio"
              name={`locked-${preference.category}`}
              value={mode}
              checked={preference.mode === mode}
              disabled
              readOnly
            />
            {t(`notifications.modes.${mode}`)}
          </label>
        ))}
      </div>
      <p id={hintId} className="field-hint">
        {t('notifications.preferences.locked')}
      </p>
    </fieldset>
  );
}

function PreferencesForm({ preferences }: { preferences: Preference[] }) {
  const { t } = useTranslation();
  const update = useUpdatePreferences();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(UpdatePreferencesBodySchema, zodIssueOptions),
    defaultValues: editable(preferences),
  });
  let index = 0;
  const positions = new Map<NotificationCategory, number>();
  for (const preference of preferences) if (!preference.locked) positions.set(preference.category, index++);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values.preferences);
      form.reset(editable(saved.preferences));
    } catch {
      // Shown by ErrorAlert from the mutation's error.
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      {update.isSuccess && !form.formState.isDirty && (
        <SuccessMessage>{t('notifications.preferences.saved')}</SuccessMessage>
      )}
      <ErrorAlert error={update.error} listFieldErrors />
      {preferences.map((preference) => {
        const position = positions.get(preference.category);
        if (position === undefined) return <LockedPreference key={preference.category} preference={preference} />;
        return (
          <fieldset key={preference.category} className="preference" data-testid={`preference-${preference.category}`}>
            <legend>{t(`notifications.categories.${preference.category}`)}</legend>
            <div className="radio-group">
              {DELIVERY_MODES.map((mode) => (
                <label key={mode} className="radio">
                  <input type="radio" value={mode} {...form.register(`preferences.${position}.mode`)} />
                  {t(`notifications.modes.${mode}`)}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {positions.size > 0 && <SubmitButton pending={update.isPending} label={t('common.save')} />}
    </form>
  );
}

export function PreferencesPage() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();

  return (
    <div className="page">
      <PageTitle title={t('notifications.preferences.title')} />
      <p className="breadcrumb">
        <Link to="/account">{t('notifications.preferences.backToAccount')}</Link>
      </p>
      <h1>{t('notifications.preferences.title')}</h1>
      <p className="muted">{t('notifications.preferences.intro')}</p>
      {preferences.isPending ? (
        <Loading />
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <section className="card preferences-card">
          <PreferencesForm preferences={preferences.data.preferences} />
        </section>
      )}
    </div>
  );
}
