import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, contract } from '@kizuna/shared';
import { useState } from 'react';
import { type FieldValues, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SubmitButton, SuccessMessage, TextAreaField, TextField } from '../../../components/form';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { encodeIssue, zodIssueOptions } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { useCountryName, useViewerTimeZone } from '../../calls/call-text';
import { asNumber } from '../../calls/editor/call-form';
import { splitEmails } from '../review-text';
import { ActionError } from './assignment-tab';
import { useInvitePool } from './use-evaluation-actions';
import { usePool } from './use-evaluation-queries';

interface InviteValues {
  emails: string;
  maxLoad: number | undefined;
}

type InviteBody = z.output<NonNullable<typeof contract.evaluation.invitePool.body>>;

/** Validates the addresses as the contract does; a wrong one is named in the error under the text area. */
function inviteResolver(): Resolver<InviteValues, unknown, InviteBody> {
  const resolve = zodResolver(contract.evaluation.invitePool.body!, zodIssueOptions) as unknown as Resolver<
    FieldValues,
    unknown
  >;
  return async (values, context, options) => {
    const emails = splitEmails(values.emails);
    const result = await resolve(
      { emails, ...(values.maxLoad === undefined ? {} : { maxLoad: values.maxLoad }) },
      context,
      options as unknown as Parameters<typeof resolve>[2],
    );
    const errors = result.errors as Record<string, unknown>;
    if (Object.keys(errors).length === 0) return { values: result.values as InviteBody, errors: {} };
    const out: Record<string, { type: string; message: string }> = {};
    const emailErrors = errors.emails as
      | ({ message?: string; type?: string } & Record<string, { message?: string } | undefined>)
      | undefined;
    if (emailErrors) {
      const bad = emails.filter((_, index) => emailErrors[index] !== undefined);
      out.emails = bad.length
        ? {
            type: 'invalid_format',
            message: encodeIssue({ code: 'invalid_emails', params: { emails: bad.join(', ') } }),
          }
        : { type: String(emailErrors.type ?? 'invalid'), message: emailErrors.message ?? '' };
    }
    const maxLoad = errors.maxLoad as { type?: string; message?: string } | undefined;
    if (maxLoad) out.maxLoad = { type: String(maxLoad.type ?? 'invalid'), message: maxLoad.message ?? '' };
    return { values: {}, errors: out };
  };
}

/** Pool: invite reviewers by email; the list of who is in, with their load. */
export function PoolTab({ call }: { call: Call }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const pool = usePool(call.id);
  const invite = useInvitePool(call.id);
  const [invited, setInvited] = useState<number | null>(null);
  const form = useForm<InviteValues, unknown, InviteBody>({
    resolver: inviteResolver(),
    defaultValues: { emails: '', maxLoad: undefined },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    setInvited(null);
    const before = pool.data?.length ?? 0;
    try {
      const next = await invite.mutateAsync(body);
      setInvited(Math.max(0, next.length - before));
      form.reset({ emails: '', maxLoad: body.maxLoad });
    } catch {
      // Shown by ErrorAlert.
    }
  });

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="pool-invite-title">
        <h2 id="pool-invite-title">{t('reviews.manage.pool.inviteTitle')}</h2>
        <p className="muted small">{t('reviews.manage.pool.inviteIntro')}</p>
        {invited !== null && <SuccessMessage>{t('reviews.manage.pool.invited', { count: invited })}</SuccessMessage>}
        {invite.error instanceof ApiError && invite.error.status === 409 ? (
          <ActionError error={invite.error} />
        ) : (
          <ErrorAlert error={invite.error} listFieldErrors />
        )}
        <form onSubmit={onSubmit} noValidate className="stack-tight">
          <TextAreaField
            label={t('reviews.manage.pool.emails')}
            hint={t('reviews.manage.pool.emailsHint')}
            rows={4}
            error={errors.emails}
            {...form.register('emails')}
          />
          <TextField
            label={t('reviews.manage.pool.maxLoad')}
            hint={t('reviews.manage.pool.maxLoadHint')}
            type="number"
            min={1}
            max={50}
            error={errors.maxLoad}
            {...form.register('maxLoad', { setValueAs: asNumber })}
          />
          <div>
            <SubmitButton pending={invite.isPending} label={t('reviews.manage.pool.invite')} />
          </div>
        </form>
      </section>

      <section className="stack-tight" aria-labelledby="pool-list-title">
        <h2 id="pool-list-title">{t('reviews.manage.pool.listTitle')}</h2>
        {pool.isPending ? (
          <Loading />
        ) : pool.isError ? (
          <ErrorState error={pool.error} onRetry={() => void pool.refetch()} />
        ) : pool.data.length === 0 ? (
          <EmptyState>
            <p data-testid="pool-empty">{t('reviews.manage.pool.empty')}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-busy={pool.isFetching || undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.manage.pool.email')}</th>
                  <th scope="col">{t('reviews.manage.pool.reviewer')}</th>
                  <th scope="col">{t('reviews.manage.pool.status')}</th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.pool.load')}
                  </th>
                  <th scope="col">{t('reviews.manage.pool.invitedAt')}</th>
                  <th scope="col">{t('reviews.manage.pool.respondedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {pool.data.map((member) => (
                  <tr key={member.id} data-testid="pool-member" data-status={member.status}>
                    <th scope="row">{member.email}</th>
                    <td>
                      {member.reviewer ? (
                        <>
                          {member.reviewer.displayName}
                          <br />
                          <span className="small muted">
                            {[
                              member.reviewer.institution,
                              member.reviewer.countryCode ? countryName(member.reviewer.countryCode) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                    <td>
                      <span
                        className={
                          member.status === 'ACCEPTED'
                            ? 'badge badge-open'
                            : member.status === 'DECLINED'
                              ? 'badge badge-closed'
                              : 'badge badge-published'
                        }
                      >
                        {t(`reviews.manage.pool.statuses.${member.status}`)}
                      </span>
                    </td>
                    <td className="numeric">
                      {t('reviews.manage.loadOfMax', { load: member.load, max: member.maxLoad })}
                    </td>
                    <td className="small">{formatDateTime(member.invitedAt, { timeZone: viewerTimeZone, locale })}</td>
                    <td className="small">
                      {member.respondedAt
                        ? formatDateTime(member.respondedAt, { timeZone: viewerTimeZone, locale })
                        : t('common.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
