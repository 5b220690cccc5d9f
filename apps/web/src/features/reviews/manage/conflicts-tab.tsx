import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, ConflictSourceSchema, contract } from '@kizuna/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Conflict } from '../../../api/reviews';
import { ErrorAlert, SelectField, SubmitButton, SuccessMessage, TextAreaField } from '../../../components/form';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { applyServerErrors, zodIssueOptions } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { useViewerTimeZone } from '../../calls/call-text';
import { ReasonDialog } from '../reason-dialog';
import { useLiftConflict, useSetConflict } from './use-evaluation-actions';
import { useBoard, useConflicts } from './use-evaluation-queries';

const setSchema = contract.evaluation.setConflict.body!;
const liftSchema = contract.evaluation.liftConflict.body!;
type SetBody = z.input<typeof setSchema>;

const SOURCES = ConflictSourceSchema.options;

/** A manager records a conflict between a reviewer of the pool and a proposal, with a reason. */
function SetConflictForm({ call }: { call: Call }) {
  const { t } = useTranslation();
  const board = useBoard(call.id);
  const set = useSetConflict(call.id);
  const [done, setDone] = useState(false);
  const form = useForm<SetBody>({
    resolver: zodResolver(setSchema, zodIssueOptions),
    defaultValues: { proposalId: '', reviewerId: '', reason: '' },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setDone(false);
    try {
      await set.mutateAsync(body);
      form.reset({ proposalId: '', reviewerId: '', reason: '' });
      setDone(true);
    } catch (error) {
      applyServerErrors(error, form.setError, ['proposalId', 'reviewerId', 'reason']);
    }
  });
  return (
    <section className="card stack" aria-labelledby="set-conflict-title">
      <h2 id="set-conflict-title">{t('reviews.manage.conflicts.setTitle')}</h2>
      <p className="muted small">{t('reviews.manage.conflicts.setIntro')}</p>
      {done && <SuccessMessage>{t('reviews.manage.conflicts.setDone')}</SuccessMessage>}
      {board.isError && <ErrorState error={board.error} onRetry={() => void board.refetch()} />}
      <ErrorAlert error={set.error} />
      <form onSubmit={onSubmit} noValidate className="stack-tight">
        <div className="grid-2">
          <SelectField
            label={t('reviews.manage.conflicts.proposal')}
            error={errors.proposalId}
            {...form.register('proposalId')}
          >
            <option value="">
              {board.isPending ? t('common.loading') : t('reviews.manage.conflicts.chooseProposal')}
            </option>
            {(board.data?.proposals ?? []).map((proposal) => (
              <option key={proposal.id} value={proposal.id}>
                {`${proposal.acronym} — ${proposal.title}`}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('reviews.manage.conflicts.reviewer')}
            error={errors.reviewerId}
            {...form.register('reviewerId')}
          >
            <option value="">
              {board.isPending ? t('common.loading') : t('reviews.manage.conflicts.chooseReviewer')}
            </option>
            {(board.data?.reviewers ?? []).map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.displayName}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField
          label={t('reviews.manage.conflicts.reason')}
          hint={t('reviews.manage.conflicts.reasonHint')}
          rows={3}
          maxLength={1000}
          error={errors.reason}
          {...form.register('reason')}
        />
        <div>
          <SubmitButton pending={set.isPending} label={t('reviews.manage.conflicts.set')} />
        </div>
      </form>
    </section>
  );
}

/** Conflicts: every conflict of the call, from detection, declarations and managers; set one, lift one. */
export function ConflictsTab({ call }: { call: Call }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const conflicts = useConflicts(call.id);
  const lift = useLiftConflict(call.id);
  const [source, setSource] = useState<string>('');
  const [showLifted, setShowLifted] = useState(true);
  const [lifting, setLifting] = useState<Conflict | null>(null);
  const [lifted, setLifted] = useState<string | null>(null);

  const rows = (conflicts.data ?? []).filter(
    (conflict) => (!source || conflict.source === source) && (showLifted || conflict.active),
  );

  return (
    <div className="stack">
      <SetConflictForm call={call} />
      <section className="stack-tight" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t('reviews.manage.conflicts.listTitle')}</h2>
        <p className="muted small">{t('reviews.manage.conflicts.listIntro')}</p>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="conflicts-source">{t('reviews.manage.conflicts.source')}</label>
            <select id="conflicts-source" value={source} onChange={(event) => setSource(event.target.value)}>
              <option value="">{t('reviews.manage.conflicts.allSources')}</option>
              {SOURCES.map((value) => (
                <option key={value} value={value}>
                  {t(`reviews.conflictSource.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={showLifted} onChange={(event) => setShowLifted(event.target.checked)} />
            {t('reviews.manage.conflicts.showLifted')}
          </label>
        </div>
        {lifted && <SuccessMessage>{lifted}</SuccessMessage>}
        {conflicts.isPending ? (
          <Loading />
        ) : conflicts.isError ? (
          <ErrorState error={conflicts.error} onRetry={() => void conflicts.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState>
            <p data-testid="conflicts-empty">{t('reviews.manage.conflicts.empty')}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-busy={conflicts.isFetching || undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.manage.conflicts.proposal')}</th>
                  <th scope="col">{t('reviews.manage.conflicts.reviewer')}</th>
                  <th scope="col">{t('reviews.manage.conflicts.source')}</th>
                  <th scope="col">{t('reviews.manage.conflicts.reason')}</th>
                  <th scope="col">{t('reviews.manage.conflicts.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('reviews.manage.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((conflict) => (
                  <tr
                    key={conflict.id}
                    data-testid="conflict-row"
                    data-source={conflict.source}
                    data-active={conflict.active}
                  >
                    <th scope="row">{conflict.proposal.acronym}</th>
                    <td>{conflict.reviewer.displayName}</td>
                    <td>
                      <span className="tag">{t(`reviews.conflictSource.${conflict.source}`)}</span>
                    </td>
                    <td className="pre-wrap">{conflict.reason}</td>
                    <td className="small">
                      {conflict.active ? (
                        <>
                          <span className="badge badge-closed">{t('reviews.manage.conflicts.active')}</span>
                          <br />
                          {formatDateTime(conflict.createdAt, { timeZone: viewerTimeZone, locale })}
                        </>
                      ) : (
                        <>
                          <span className="badge">{t('reviews.manage.conflicts.lifted')}</span>
                          <br />
                          {conflict.liftedAt && formatDateTime(conflict.liftedAt, { timeZone: viewerTimeZone, locale })}
                          {conflict.liftReason && <span className="pre-wrap"> — {conflict.liftReason}</span>}
                        </>
                      )}
                    </td>
                    <td className="nowrap">
                      {conflict.active && (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('reviews.manage.conflicts.liftLabel', {
                            acronym: conflict.proposal.acronym,
                            reviewer: conflict.reviewer.displayName,
                          })}
                          onClick={() => {
                            setLifted(null);
                            setLifting(conflict);
                          }}
                        >
                          {t('reviews.manage.conflicts.lift')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {lifting && (
        <ReasonDialog
          title={t('reviews.manage.conflicts.liftTitle', {
            acronym: lifting.proposal.acronym,
            reviewer: lifting.reviewer.displayName,
          })}
          intro={<p className="muted small">{t('reviews.manage.conflicts.liftIntro')}</p>}
          label={t('reviews.manage.conflicts.liftReason')}
          submitLabel={t('reviews.manage.conflicts.lift')}
          cancelLabel={t('reviews.decline.cancel')}
          schema={liftSchema}
          testId="lift-dialog"
          onCancel={() => setLifting(null)}
          onSubmit={async (reason) => {
            await lift.mutateAsync({ id: lifting.id, reason });
            setLifted(
              t('reviews.manage.conflicts.liftDone', {
                acronym: lifting.proposal.acronym,
                reviewer: lifting.reviewer.displayName,
              }),
            );
            setLifting(null);
          }}
        />
      )}
    </div>
  );
}
