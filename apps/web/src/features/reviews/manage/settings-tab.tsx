import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, contract } from '@kizuna/shared';
import { useState } from 'react';
import { type Control, type FieldPath, type FieldValues, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../../api/client';
import type { ReviewSettings } from '../../../api/reviews';
import { ErrorAlert, SubmitButton, SuccessMessage, TextField } from '../../../components/form';
import { ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { encodeIssue, zodIssueOptions } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { isoToZonedLocal, zonedLocalToIso } from '../../../lib/zoned-time';
import { useViewerTimeZone } from '../../calls/call-text';
import { asNumber, staleVersion } from '../../calls/editor/call-form';
import { anyError, EditorPart } from '../../calls/editor/fields';
import { splitNumbers } from '../review-text';
import { useSaveReviewSettings } from './use-evaluation-actions';
import { useReviewSettings } from './use-evaluation-queries';

/** What the inputs hold: the deadline as a wall-clock time in the call's zone, the reminder days as one text. */
export interface SettingsValues {
  version: number;
  reviewDeadline: string;
  blindReview: boolean;
  reminderDaysBefore: string;
  overdueEveryDays: number | undefined;
  minLoad: number | undefined;
  onePerCountry: boolean;
  outsideCountry: boolean;
}

type SettingsBody = z.output<NonNullable<typeof contract.evaluation.saveSettings.body>>;

export function settingsToValues(settings: ReviewSettings, timeZone: string): SettingsValues {
  return {
    version: settings.version,
    reviewDeadline: settings.reviewDeadline ? isoToZonedLocal(settings.reviewDeadline, timeZone) : '',
    blindReview: settings.blindReview,
    reminderDaysBefore: settings.reminderDaysBefore.join(', '),
    overdueEveryDays: settings.overdueEveryDays,
    minLoad: settings.minLoad,
    onePerCountry: settings.onePerCountry,
    outsideCountry: settings.outsideCountry,
  };
}

/** The API body; a wall time that cannot be read stays as typed, so the schema reports the field. */
export function settingsToBody(values: SettingsValues, timeZone: string): Record<string, unknown> {
  return {
    version: values.version,
    reviewDeadline: values.reviewDeadline
      ? (zonedLocalToIso(values.reviewDeadline, timeZone) ?? values.reviewDeadline)
      : null,
    blindReview: values.blindReview,
    reminderDaysBefore: splitNumbers(values.reminderDaysBefore),
    overdueEveryDays: values.overdueEveryDays,
    minLoad: values.minLoad,
    onePerCountry: values.onePerCountry,
    outsideCountry: values.outsideCountry,
  };
}

function settingsResolver(timeZone: string): Resolver<SettingsValues, unknown, SettingsBody> {
  const schema = contract.evaluation.saveSettings.body!;
  const resolve = zodResolver(schema, zodIssueOptions) as unknown as Resolver<FieldValues, unknown>;
  return async (values, context, options) => {
    const result = await resolve(
      settingsToBody(values, timeZone),
      context,
      options as unknown as Parameters<typeof resolve>[2],
    );
    if (Object.keys(result.errors).length > 0) return { values: {}, errors: result.errors };
    return { values: result.values as SettingsBody, errors: {} };
  };
}

const FIELDS = new Set([
  'reviewDeadline',
  'blindReview',
  'reminderDaysBefore',
  'overdueEveryDays',
  'minLoad',
  'onePerCountry',
  'outsideCountry',
]);

function DeadlineEquivalent({
  control,
  timeZone,
}: {
  control: Control<SettingsValues, unknown, SettingsBody>;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const local = useWatch({ control, name: 'reviewDeadline' });
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const iso = local ? zonedLocalToIso(local, timeZone) : undefined;
  if (!iso) return null;
  return (
    <p className="field-hint" data-testid="review-deadline-viewer-equivalent">
      {t('calls.editor.inYourZone', {
        zone: viewerTimeZone,
        time: formatDateTime(iso, { timeZone: viewerTimeZone, locale }),
      })}
    </p>
  );
}

function SettingsForm({
  call,
  settings,
  onReload,
}: {
  call: Call;
  settings: ReviewSettings;
  onReload: () => Promise<ReviewSettings | undefined>;
}) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const save = useSaveReviewSettings(call.id);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const form = useForm<SettingsValues, unknown, SettingsBody>({
    resolver: settingsResolver(call.timeZone),
    defaultValues: settingsToValues(settings, call.timeZone),
  });
  const { errors, isDirty } = form.formState;
  const released = settings.decisionsReleasedAt !== null;

  const onSubmit = form.handleSubmit(async (body) => {
    setSaved(false);
    setConflict(false);
    try {
      const next = await save.mutateAsync(body);
      form.reset(settingsToValues(next, call.timeZone));
      setSaved(true);
    } catch (error) {
      if (staleVersion(error)) {
        setConflict(true);
        return;
      }
      if (!(error instanceof ApiError)) return;
      let first = true;
      for (const [path, fieldError] of Object.entries(error.fieldErrors)) {
        const field = path.split('.')[0] ?? '';
        if (!FIELDS.has(field)) continue;
        form.setError(
          field as FieldPath<SettingsValues>,
          { type: 'server', message: encodeIssue({ code: fieldError.code, params: fieldError.params }) },
          { shouldFocus: first },
        );
        first = false;
      }
    }
  });

  const reload = async () => {
    const current = await onReload();
    if (current) form.reset(settingsToValues(current, call.timeZone));
    setConflict(false);
    save.reset();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="stack editor" aria-label={t('reviews.manage.tabs.settings')}>
      {conflict && (
        <div className="alert alert-warning" role="alert" data-testid="settings-conflict">
          <p>{t('reviews.manage.settings.conflict')}</p>
          <button type="button" className="button button-primary" onClick={() => void reload()}>
            {t('reviews.manage.settings.reload')}
          </button>
        </div>
      )}
      {saved && !isDirty && <SuccessMessage>{t('reviews.manage.settings.saved')}</SuccessMessage>}
      {!conflict && <ErrorAlert error={save.error} />}
      {released && settings.decisionsReleasedAt && (
        <p className="alert alert-warning" role="note">
          {t('reviews.manage.settings.released', {
            time: formatDateTime(settings.decisionsReleasedAt, { timeZone: viewerTimeZone, locale }),
          })}
        </p>
      )}
      <EditorPart id="review-deadline" title={t('reviews.manage.settings.deadlinePart')}>
        <div>
          <TextField
            label={t('reviews.manage.settings.reviewDeadline')}
            type="datetime-local"
            hint={t('calls.editor.hints.zoned', { timeZone: call.timeZone })}
            error={errors.reviewDeadline}
            {...form.register('reviewDeadline')}
          />
          <DeadlineEquivalent control={form.control} timeZone={call.timeZone} />
        </div>
        <div className="grid-2">
          <TextField
            label={t('reviews.manage.settings.reminderDaysBefore')}
            hint={t('reviews.manage.settings.reminderDaysBeforeHint')}
            error={anyError(errors.reminderDaysBefore)}
            {...form.register('reminderDaysBefore')}
          />
          <TextField
            label={t('reviews.manage.settings.overdueEveryDays')}
            hint={t('reviews.manage.settings.overdueEveryDaysHint')}
            type="number"
            min={0}
            max={30}
            error={errors.overdueEveryDays}
            {...form.register('overdueEveryDays', { setValueAs: asNumber })}
          />
        </div>
      </EditorPart>
      <EditorPart id="review-blind" title={t('reviews.manage.settings.blindPart')}>
        <label className="checkbox">
          <input type="checkbox" {...form.register('blindReview')} />
          {t('reviews.manage.settings.blindReview')}
        </label>
        <p className="field-hint">{t('reviews.manage.settings.blindReviewHint')}</p>
      </EditorPart>
      <EditorPart id="review-constraints" title={t('reviews.manage.settings.constraintsPart')}>
        <p className="muted small">
          {t('reviews.manage.settings.reviewersPerProposal', { count: settings.reviewersPerProposal })}
        </p>
        <TextField
          label={t('reviews.manage.settings.minLoad')}
          hint={t('reviews.manage.settings.minLoadHint')}
          type="number"
          min={0}
          max={20}
          error={errors.minLoad}
          {...form.register('minLoad', { setValueAs: asNumber })}
        />
        <label className="checkbox">
          <input type="checkbox" {...form.register('onePerCountry')} />
          {t('reviews.manage.settings.onePerCountry')}
        </label>
        <label className="checkbox">
          <input type="checkbox" {...form.register('outsideCountry')} />
          {t('reviews.manage.settings.outsideCountry')}
        </label>
      </EditorPart>
      <div className="editor-actions">
        <SubmitButton pending={save.isPending} label={t('reviews.manage.settings.save')} />
      </div>
    </form>
  );
}

/** Settings: deadline (entered in the call's time zone), blind review, reminders, assignment constraints. */
export function SettingsTab({ call }: { call: Call }) {
  const settings = useReviewSettings(call.id);
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm call={call} settings={settings.data} onReload={async () => (await settings.refetch()).data} />;
}
