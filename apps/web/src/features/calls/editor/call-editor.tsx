import type { Call, FieldError as ProblemFieldError } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type FieldPath, FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type CreateCallBody, getCall, type UpdateCallBody } from '../../../api/calls';
import { ApiError } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorAlert, SelectField, SubmitButton, SuccessMessage } from '../../../components/form';
import { currentLocale } from '../../../i18n';
import { issueMessage } from '../../../i18n/messages';
import { encodeIssue } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { StatusBadge } from '../call-parts';
import { useCreateCall } from '../use-create-call';
import { usePublishCall } from '../use-publish-call';
import { useUpdateCall } from '../use-update-call';
import { AgenciesPart, RatesPart } from './agencies-part';
import { BasicsPart } from './basics-part';
import { BudgetPart } from './budget-part';
import {
  type CallBody,
  type CallFormMode,
  type CallFormValues,
  callFormResolver,
  callToValues,
  emptyCallValues,
  sortServerErrors,
  staleVersion,
} from './call-form';
import { EligibilityPart } from './eligibility-part';
import { RubricPart } from './rubric-part';
import { SchedulePart } from './schedule-part';
import { AttachmentsPart, SectionsPart } from './sections-part';

const EDITABLE = new Set(['DRAFT', 'PUBLISHED']);

export interface ProgrammeChoice {
  id: string;
  name: string;
}

type EditorProps =
  | { mode: 'create'; programmes: readonly ProgrammeChoice[]; defaultProgrammeId?: string; call?: undefined }
  | { mode: 'edit'; call: Call; notice?: string; programmes?: undefined };

/** The one editor of a call, for creating (in a programme) and for changing a saved one. */
export function CallEditor(props: EditorProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mode: CallFormMode = props.mode;
  const [saved, setSaved] = useState<Call | undefined>(props.call);
  const [conflict, setConflict] = useState<{ current: number | undefined } | undefined>();
  const [leftovers, setLeftovers] = useState<ProblemFieldError[]>([]);
  const [notice, setNotice] = useState<string | undefined>(props.mode === 'edit' ? props.notice : undefined);
  const [confirming, setConfirming] = useState(false);
  const [reloading, setReloading] = useState(false);
  const create = useCreateCall();
  const update = useUpdateCall(saved?.id ?? '');
  const publish = usePublishCall(saved?.id ?? '');
  const resolver = useMemo(() => callFormResolver(mode), [mode]);

  const form = useForm<CallFormValues, unknown, CallBody>({
    resolver,
    defaultValues: props.call
      ? callToValues(props.call)
      : emptyCallValues(
          props.defaultProgrammeId ?? (props.programmes?.length === 1 ? (props.programmes[0]?.id ?? '') : ''),
        ),
  });
  const { errors, isDirty } = form.formState;
  const readOnly = !!saved && !EDITABLE.has(saved.status);
  const saveError = mode === 'create' ? create.error : update.error;
  const actionError = saveError ?? publish.error;

  /** Puts the server's field errors on the inputs; what no input shows goes to the summary. */
  const showServerErrors = (error: unknown) => {
    const { placed, unplaced } = sortServerErrors(error, form.getValues(), mode);
    placed.forEach(({ field, error: fieldError }, index) => {
      form.setError(
        field as FieldPath<CallFormValues>,
        { type: 'server', message: encodeIssue({ code: fieldError.code, params: fieldError.params }) },
        { shouldFocus: index === 0 },
      );
    });
    setLeftovers(unplaced);
  };

  const startFrom = (call: Call) => {
    setSaved(call);
    form.reset(callToValues(call));
  };

  const onSubmit = form.handleSubmit(async (body) => {
    setConflict(undefined);
    setLeftovers([]);
    setNotice(undefined);
    publish.reset();
    try {
      if (mode === 'create') {
        const created = await create.mutateAsync(body as CreateCallBody);
        navigate(`/manage/calls/${created.id}/edit`, { replace: true, state: { created: true } });
      } else {
        // The version the form was loaded from: a stale one is refused (409), never silently overwritten.
        const updated = await update.mutateAsync({ ...body, version: form.getValues('version') } as UpdateCallBody);
        startFrom(updated);
        setNotice(t('calls.editor.saved'));
      }
    } catch (error) {
      const stale = staleVersion(error);
      if (stale) setConflict(stale);
      else showServerErrors(error);
    }
  });

  const reloadCurrent = async () => {
    if (!saved) return;
    setReloading(true);
    try {
      const current = await queryClient.fetchQuery({
        queryKey: queryKeys.calls.one(saved.id),
        queryFn: ({ signal }) => getCall(saved.id, signal),
        staleTime: 0,
      });
      startFrom(current);
      setConflict(undefined);
      setLeftovers([]);
      update.reset();
      publish.reset();
    } finally {
      setReloading(false);
    }
  };

  const confirmPublish = async () => {
    if (!saved) return;
    setNotice(undefined);
    setLeftovers([]);
    update.reset();
    try {
      const published = await publish.mutateAsync(saved.version);
      startFrom(published);
      setNotice(t('calls.editor.published'));
    } catch (error) {
      const stale = staleVersion(error);
      if (stale) setConflict(stale);
      else showServerErrors(error);
    } finally {
      setConfirming(false);
    }
  };

  const locale = currentLocale();
  const leftoverList =
    leftovers.length > 0 ? (
      <div data-testid="editor-error-summary">
        <p>{t('calls.editor.errorSummary')}</p>
        <ul>
          {leftovers.map((error) => (
            <li key={`${error.path}:${error.code}`}>
              <code>{error.path}</code> {issueMessage(t, error)}
            </li>
          ))}
        </ul>
      </div>
    ) : null;

  return (
    <FormProvider {...form}>
      <div className="section-head">
        <div>
          <h1>{mode === 'create' ? t('calls.editor.newTitle') : t('calls.editor.editTitle')}</h1>
          {saved && (
            <p className="editor-meta">
              <strong>{saved.title}</strong> <StatusBadge status={saved.status} />{' '}
              <span className="muted small" data-testid="call-version">
                {t('calls.editor.version', { version: saved.version })}
              </span>
            </p>
          )}
        </div>
        <div className="actions">
          <Link to="/manage/calls">{t('calls.editor.back')}</Link>
          {saved && <Link to={`/calls/${saved.id}`}>{t('calls.editor.viewPage')}</Link>}
        </div>
      </div>

      {conflict && (
        <div className="alert alert-warning" role="alert" data-testid="call-conflict">
          <p>{t('calls.editor.conflict', { current: conflict.current ?? '?' })}</p>
          <p className="small">{t('calls.editor.conflictHint')}</p>
          <button
            type="button"
            className="button button-primary"
            disabled={reloading}
            aria-busy={reloading || undefined}
            onClick={() => void reloadCurrent()}
          >
            {t('calls.editor.conflictReload')}
          </button>
        </div>
      )}
      {notice && !isDirty && <SuccessMessage>{notice}</SuccessMessage>}
      {readOnly && saved && (
        <div className="alert alert-warning" role="note" data-testid="call-read-only">
          <p>{t('calls.editor.readOnly', { status: t(`calls.status.${saved.status}`) })}</p>
        </div>
      )}
      {!conflict && (
        <ErrorAlert error={actionError}>
          {leftoverList}
          {/* Another 409 (the call opened, or was published, meanwhile): the remedy is the same, the current call. */}
          {actionError instanceof ApiError && actionError.status === 409 && saved && (
            <button type="button" className="button" disabled={reloading} onClick={() => void reloadCurrent()}>
              {t('calls.editor.conflictReload')}
            </button>
          )}
        </ErrorAlert>
      )}

      <form
        onSubmit={onSubmit}
        noValidate
        className="stack editor"
        aria-label={mode === 'create' ? t('calls.editor.newTitle') : t('calls.editor.editTitle')}
      >
        <fieldset className="plain-fieldset stack" disabled={readOnly}>
          {mode === 'create' && props.programmes && (
            <section className="card">
              <SelectField
                label={t('calls.editor.programme')}
                error={errors.programmeId}
                {...form.register('programmeId')}
              >
                <option value="" />
                {props.programmes.map((programme) => (
                  <option key={programme.id} value={programme.id}>
                    {programme.name}
                  </option>
                ))}
              </SelectField>
            </section>
          )}
          <BasicsPart />
          <SchedulePart />
          <BudgetPart />
          <AgenciesPart disabled={readOnly} />
          <RatesPart disabled={readOnly} />
          <SectionsPart disabled={readOnly} />
          <AttachmentsPart disabled={readOnly} />
          <RubricPart disabled={readOnly} />
          <EligibilityPart disabled={readOnly} />
        </fieldset>

        <div className="editor-actions">
          {!readOnly && <SubmitButton pending={create.isPending || update.isPending} label={t('calls.editor.save')} />}
          {saved?.status === 'DRAFT' && (
            <>
              <button
                type="button"
                className="button"
                disabled={isDirty || publish.isPending}
                aria-describedby={isDirty ? 'publish-unsaved' : undefined}
                onClick={() => setConfirming(true)}
              >
                {t('calls.editor.publish')}
              </button>
              {isDirty && (
                <span id="publish-unsaved" className="muted small">
                  {t('calls.editor.publishUnsaved')}
                </span>
              )}
            </>
          )}
        </div>
      </form>

      {confirming && saved && (
        <ConfirmDialog
          title={t('calls.editor.publishTitle')}
          confirmLabel={t('calls.editor.publishConfirm')}
          cancelLabel={t('calls.editor.cancel')}
          pending={publish.isPending}
          onConfirm={() => void confirmPublish()}
          onCancel={() => setConfirming(false)}
          testId="publish-dialog"
        >
          <p>
            {t('calls.editor.publishBody', {
              opens: formatDateTime(saved.opensAt, { timeZone: saved.timeZone, locale }),
              closes: formatDateTime(saved.closesAt, { timeZone: saved.timeZone, locale }),
            })}
          </p>
        </ConfirmDialog>
      )}
    </FormProvider>
  );
}
