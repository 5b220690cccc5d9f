import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/form';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { timeZoneOptions } from '../../../lib/time-zones';
import { isoToZonedLocal, zonedLocalToIso } from '../../../lib/zoned-time';
import { useViewerTimeZone } from '../call-text';
import type { CallFormValues } from './call-form';
import { EditorPart } from './fields';

/** Under a wall-clock input: the same instant in the manager's own zone, and a warning for a skipped time. */
function Equivalent({ name, testId }: { name: 'opensAt' | 'closesAt'; testId: string }) {
  const { t } = useTranslation();
  const local = useWatch<CallFormValues, typeof name>({ name });
  const timeZone = useWatch<CallFormValues, 'timeZone'>({ name: 'timeZone' });
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const iso = local ? zonedLocalToIso(local, timeZone) : undefined;
  if (!iso) return null;
  // A wall time the clocks skip (spring forward) is saved as the time after the gap: say so.
  const shown = isoToZonedLocal(iso, timeZone);
  const skipped = shown.slice(0, 16) !== local.slice(0, 16);
  return (
    <div className="field-hint" data-testid={testId}>
      <p>
        {t('calls.editor.inYourZone', {
          zone: viewerTimeZone,
          time: formatDateTime(iso, { timeZone: viewerTimeZone, locale }),
        })}
      </p>
      {skipped && (
        <p className="field-warning" role="status">
          {t('calls.editor.skippedTime', { zone: timeZone, time: formatDateTime(iso, { timeZone, locale }) })}
        </p>
      )}
    </div>
  );
}

export function SchedulePart() {
  const { t } = useTranslation();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<CallFormValues>();
  const timeZone = useWatch({ control, name: 'timeZone' });
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);
  return (
    <EditorPart id="schedule" title={t('calls.editor.parts.schedule')}>
      <SelectField label={t('calls.editor.fields.timeZone')} error={errors.timeZone} {...register('timeZone')}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <div className="grid-2">
        <div>
          <TextField
            label={t('calls.editor.fields.opensAt')}
            type="datetime-local"
            hint={t('calls.editor.hints.zoned', { timeZone })}
            error={errors.opensAt}
            {...register('opensAt')}
          />
          <Equivalent name="opensAt" testId="opens-at-viewer-zone" />
        </div>
        <div>
          <TextField
            label={t('calls.editor.fields.closesAt')}
            type="datetime-local"
            hint={t('calls.editor.hints.zoned', { timeZone })}
            error={errors.closesAt}
            {...register('closesAt')}
          />
          <Equivalent name="closesAt" testId="closes-at-viewer-zone" />
        </div>
      </div>
    </EditorPart>
  );
}
