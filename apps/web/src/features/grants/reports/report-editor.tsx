import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { type FieldPath, type Resolver, set, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type Grant, type GrantReport, getGrantReport } from '../../../api/grants';
import { queryKeys } from '../../../api/query-keys';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { encodeIssue } from '../../../lib/form-errors';
import { NarrativeFields, OutputsFields, SpendingFields } from './report-fields';
import {
  fieldPathOf,
  fieldPaths,
  type ReportValues,
  reportIssues,
  reportToValues,
  valuesToContent,
} from './report-model';
import { useSaveReport, useSubmitReport } from './use-report-actions';

/** Checks the form as the body it becomes (the contract's schema and the server's own checks). */
function reportResolver(currencyOf: ReadonlyMap<string, string>): Resolver<ReportValues> {
  return async (values) => {
    const issues = reportIssues(values, currencyOf);
    if (issues.size === 0) return { values, errors: {} };
    const errors = {};
    for (const [path, issue] of issues) set(errors, path, { type: issue.code, message: encodeIssue(issue) });
    return { values: {}, errors };
  };
}

const editable = (report: GrantReport) => report.status === 'DUE' || report.status === 'RETURNED';

/**
 * The lead PI's editor of a report that is due or was returned: narrative, outputs and spending, saved with the
 * version it was based on. A 409 on a version someone else saved meanwhile keeps the user's copy until they choose:
 * keep mine (saved over theirs) or take theirs. Submit asks first, saves what is pending, then submits that version.
 * Browser tests: `report-editor`, `report-save`, `report-submit`, `report-submit-dialog`, `report-save-state`,
 * `report-conflict` with "Keep my version" / "Load their version".
 */
export function ReportEditor({
  grant,
  report,
  canSubmit,
  onSubmitted,
}: {
  grant: Grant;
  report: GrantReport;
  canSubmit: boolean;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const currencyOf = useMemo(() => new Map(grant.partners.map((p) => [p.id, p.currency])), [grant.partners]);
  const resolver = useMemo(() => reportResolver(currencyOf), [currencyOf]);
  const form = useForm<ReportValues>({ resolver, defaultValues: reportToValues(report) });
  const save = useSaveReport(grant.id, report.id);
  const submit = useSubmitReport(grant.id, report.id);
  /** The version the form's copy is based on: what a save or a submit sends. */
  const version = useRef(report.version);
  const [conflict, setConflict] = useState<GrantReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { isDirty } = form.formState;
  const pending = save.isPending || submit.isPending;

  /** Field errors of the server on their fields; true when all of them found one. */
  const placeServerErrors = (caught: unknown): boolean => {
    if (!(caught instanceof ApiError) || caught.status !== 400) return false;
    const fields = new Set(fieldPaths(form.getValues()));
    let placed = 0;
    const errors = Object.entries(caught.fieldErrors);
    for (const [path, fieldError] of errors) {
      const field = fieldPathOf(path.split('.'));
      if (!fields.has(field)) continue;
      const message = encodeIssue({ code: fieldError.code, params: fieldError.params });
      form.setError(field as FieldPath<ReportValues>, { type: 'server', message }, { shouldFocus: placed === 0 });
      placed++;
    }
    return placed > 0 && placed === errors.length;
  };

  /** A 409 is someone else's save when the report, read again, is still open at another version. */
  const handleError = async (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 409) {
      const current = await getGrantReport(report.id).catch(() => null);
      if (current && editable(current) && current.version !== version.current) {
        setConflict(current);
        return;
      }
    }
    if (!placeServerErrors(caught)) setError(caught);
  };

  /** Saves the form's values; the saved report, or nothing when it failed (the problem is shown). */
  const persist = async (values: ReportValues): Promise<GrantReport | undefined> => {
    setError(null);
    setSaved(false);
    const sent = JSON.stringify(values);
    try {
      const result = await save.mutateAsync({ version: version.current, ...valuesToContent(values) });
      version.current = result.version;
      // What was typed while the save was on its way stays, still unsaved, on top of the saved report.
      const typedMeanwhile = JSON.stringify(form.getValues()) !== sent;
      form.reset(reportToValues(result), { keepValues: typedMeanwhile });
      setSaved(true);
      return result;
    } catch (caught) {
      await handleError(caught);
      return undefined;
    }
  };

  const onSave = form.handleSubmit(async (values) => {
    await persist(values);
  });

  const askToSubmit = async () => {
    setError(null);
    if (await form.trigger()) setConfirming(true);
  };

  const onConfirmSubmit = async () => {
    if (isDirty && !(await persist(form.getValues()))) {
      setConfirming(false);
      return;
    }
    try {
      await submit.mutateAsync(version.current);
      setConfirming(false);
      onSubmitted();
    } catch (caught) {
      setConfirming(false);
      await handleError(caught);
    }
  };

  const keepMine = () => {
    if (!conflict) return;
    version.current = conflict.version;
    setConflict(null);
    void persist(form.getValues());
  };

  const takeTheirs = () => {
    if (!conflict) return;
    version.current = conflict.version;
    form.reset(reportToValues(conflict));
    queryClient.setQueryData(queryKeys.grants.report(grant.id, report.id), conflict);
    setConflict(null);
  };

  return (
    <form
      className="card stack"
      onSubmit={onSave}
      noValidate
      data-testid="report-editor"
      aria-label={t('grantReports.editor.title')}
    >
      <NarrativeFields form={form} />
      <OutputsFields form={form} />
      <SpendingFields form={form} grant={grant} />

      {conflict && (
        <div className="alert alert-warning stack-tight" role="alert" data-testid="report-conflict">
          <p>{t('grantReports.editor.conflict', { version: conflict.version })}</p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={keepMine}>
              {t('grantReports.editor.keepMine')}
            </button>
            <button type="button" className="button" onClick={takeTheirs}>
              {t('grantReports.editor.takeTheirs')}
            </button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} listFieldErrors={error instanceof ApiError && error.status === 400} />
      {saved && !isDirty && <SuccessMessage>{t('grantReports.editor.saved')}</SuccessMessage>}

      <div className="editor-actions">
        <button
          type="submit"
          className="button"
          disabled={pending || !!conflict}
          aria-busy={save.isPending || undefined}
          data-testid="report-save"
        >
          {save.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
          {t('grantReports.editor.save')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={pending || !!conflict || !canSubmit}
          data-testid="report-submit"
          onClick={() => void askToSubmit()}
        >
          {t('grantReports.editor.submit')}
        </button>
        <span className="muted small" aria-live="polite" data-testid="report-save-state" data-dirty={isDirty}>
          {isDirty ? t('grantReports.editor.unsaved') : t('grantReports.editor.upToDate')}
        </span>
      </div>
      {!canSubmit && <p className="muted small">{t('grantReports.editor.cannotSubmit')}</p>}

      {confirming && (
        <ConfirmDialog
          title={t('grantReports.editor.confirmTitle')}
          confirmLabel={t('grantReports.editor.confirm')}
          cancelLabel={t('grants.cancel')}
          pending={pending}
          testId="report-submit-dialog"
          onConfirm={() => void onConfirmSubmit()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('grantReports.editor.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
