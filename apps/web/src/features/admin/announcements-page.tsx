import { zodResolver } from '@hookform/resolvers/zod';
import { CreateAnnouncementBodySchema, ROLES, type Role } from '@kizuna/shared';
import { useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { ErrorAlert, SubmitButton, SuccessMessage, TextAreaField, TextField } from '../../components/form';
import { JobProgress } from '../../components/job-progress';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { ListStates } from '../../components/states';
import { currentLocale } from '../../i18n';
import { fieldErrorMessage } from '../../i18n/messages';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { formatDateTime, formatList, formatUtc } from '../../lib/format';
import { pageParam, withParams } from '../../lib/search-params';
import { useMe } from '../auth/use-me';
import { useAnnouncements } from './use-announcements';
import { useCreateAnnouncement } from './use-create-announcement';

const PAGE_SIZE = 20;
const EMPTY: z.input<typeof CreateAnnouncementBodySchema> = { title: '', body: '', audience: [] };

function useAudienceLabel() {
  const { t } = useTranslation();
  return (audience: readonly Role[]) =>
    audience.length === 0
      ? t('admin.announcements.everyone')
      : formatList(
          audience.map((role) => t(`roles.${role}`)),
          currentLocale(),
        );
}

function AnnouncementForm() {
  const { t } = useTranslation();
  const ids = useId();
  const create = useCreateAnnouncement();
  const audienceLabel = useAudienceLabel();
  const form = useForm<
    z.input<typeof CreateAnnouncementBodySchema>,
    unknown,
    z.output<typeof CreateAnnouncementBodySchema>
  >({
    resolver: zodResolver(CreateAnnouncementBodySchema, zodIssueOptions),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const audience = useWatch({ control: form.control, name: 'audience' }) ?? [];
  const audienceError = errors.audience;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      form.reset(EMPTY);
    } catch (error) {
      applyServerErrors(error, form.setError, ['title', 'body', 'audience']);
    }
  });

  const created = create.data;
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <form onSubmit={onSubmit} noValidate className="stack">
        <h2 id={`${ids}-title`}>{t('admin.announcements.new')}</h2>
        <ErrorAlert error={create.error} />
        <TextField
          label={t('admin.announcements.fields.title')}
          maxLength={200}
          error={errors.title}
          {...form.register('title')}
        />
        <TextAreaField
          label={t('admin.announcements.fields.body')}
          rows={6}
          maxLength={5000}
          error={errors.body}
          {...form.register('body')}
        />
        <fieldset
          className="checkbox-group"
          aria-describedby={`${ids}-audience-hint${audienceError ? ` ${ids}-audience-error` : ''}`}
        >
          <legend>{t('admin.announcements.fields.audience')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="checkbox">
              <input type="checkbox" value={role} {...form.register('audience')} />
              {t(`roles.${role}`)}
            </label>
          ))}
          <p id={`${ids}-audience-hint`} className="field-hint">
            {t('admin.announcements.audienceHint')}{' '}
            <strong data-testid="announcement-recipients">
              {t('admin.announcements.recipients', { audience: audienceLabel(audience) })}
            </strong>
          </p>
          {audienceError && (
            <p id={`${ids}-audience-error`} className="field-error" role="alert">
              {fieldErrorMessage(t, { message: audienceError.message, type: audienceError.type ?? 'invalid' })}
            </p>
          )}
        </fieldset>
        <SubmitButton pending={create.isPending} label={t('admin.announcements.submit')} />
      </form>

      {created && (
        <div className="stack" data-testid="announcement-created">
          <SuccessMessage>{t('admin.announcements.created', { title: created.title })}</SuccessMessage>
          {created.jobRunId && (
            <JobProgress key={created.jobRunId} runId={created.jobRunId} label={t('admin.announcements.progress')} />
          )}
        </div>
      )}
    </section>
  );
}

function PastAnnouncements() {
  const { t } = useTranslation();
  const ids = useId();
  const me = useMe();
  const audienceLabel = useAudienceLabel();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageParam(searchParams.get('page'));
  const announcements = useAnnouncements({ page, pageSize: PAGE_SIZE });
  const timeZone = me.data?.timeZone;
  const locale = currentLocale();

  return (
    <section aria-labelledby={`${ids}-past`} className="section">
      <h2 id={`${ids}-past`}>{t('admin.announcements.past')}</h2>
      <ListStates
        query={announcements}
        page={page}
        onFirstPage={() => setSearchParams(withParams(searchParams, { page: 1 }))}
        empty={<p>{t('admin.announcements.empty')}</p>}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('admin.announcements.total', { total: data.total })}
            </p>
            <div className="table-wrap">
              <table aria-busy={announcements.isFetching || undefined}>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.announcements.fields.title')}</th>
                    <th scope="col">{t('admin.announcements.audience')}</th>
                    <th scope="col">{t('admin.announcements.sent')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((announcement) => (
                    <tr key={announcement.id} data-testid="announcement-row">
                      <td>
                        <strong>{announcement.title}</strong>
                        <details>
                          <summary>{t('admin.announcements.message')}</summary>
                          <p className="pre-wrap">{announcement.body}</p>
                        </details>
                      </td>
                      <td>{audienceLabel(announcement.audience)}</td>
                      <td className="nowrap">
                        <time dateTime={announcement.createdAt} title={formatUtc(announcement.createdAt)}>
                          {formatDateTime(announcement.createdAt, { timeZone, locale })}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPageChange={(next) => setSearchParams(withParams(searchParams, { page: next }))}
            />
          </>
        )}
      </ListStates>
    </section>
  );
}

export function AnnouncementsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t('admin.announcements.title')} />
      <h1>{t('admin.announcements.title')}</h1>
      <p className="muted">{t('admin.announcements.intro')}</p>
      <AnnouncementForm />
      <PastAnnouncements />
    </div>
  );
}
