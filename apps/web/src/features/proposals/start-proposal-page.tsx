import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, CreateProposalBodySchema } from '@kizuna/shared';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../../api/client';
import { ErrorAlert, SelectField, SubmitButton, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { applyServerErrors, zodIssueOptions } from '../../lib/form-errors';
import { useNow } from '../../lib/use-now';
import { Deadline } from '../calls/call-parts';
import { themeLabel, useViewerTimeZone } from '../calls/call-text';
import { useCall } from '../calls/use-call';
import { InstitutionPicker } from './institution-picker';
import { callIsOpen } from './proposal-text';
import { useCreateProposal } from './use-create-proposal';

type Input = z.input<typeof CreateProposalBodySchema>;
type Output = z.output<typeof CreateProposalBodySchema>;

const SERVER_FIELDS = ['title', 'acronym', 'theme', 'institutionId'] as const;

/** Whether a call takes new proposals now (by the browser's clock; the server decides). */
export function acceptsProposals(call: Pick<Call, 'status' | 'opensAt' | 'closesAt'>, now: number): boolean {
  return (call.status === 'OPEN' || call.status === 'PUBLISHED') && callIsOpen(call, now);
}

function StartForm({ call }: { call: Call }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateProposal();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(CreateProposalBodySchema, zodIssueOptions),
    defaultValues: {
      callId: call.id,
      title: '',
      acronym: '',
      theme: call.themes.length === 1 ? call.themes[0] : '',
      institutionId: '',
    },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (body) => {
    try {
      const proposal = await create.mutateAsync(body);
      navigate(`/proposals/${proposal.id}`);
    } catch (error) {
      applyServerErrors(error, form.setError, SERVER_FIELDS);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="stack card" aria-label={t('proposals.start.title')}>
      <ErrorAlert error={create.error} />
      <TextField label={t('proposals.fields.title')} maxLength={300} error={errors.title} {...form.register('title')} />
      <TextField
        label={t('proposals.fields.acronym')}
        hint={t('proposals.hints.acronym')}
        maxLength={20}
        error={errors.acronym}
        {...form.register('acronym')}
      />
      <SelectField label={t('proposals.fields.theme')} error={errors.theme} {...form.register('theme')}>
        <option value="">{t('proposals.start.chooseTheme')}</option>
        {call.themes.map((theme) => (
          <option key={theme} value={theme}>
            {themeLabel(t, theme)}
          </option>
        ))}
      </SelectField>
      <Controller
        control={form.control}
        name="institutionId"
        render={({ field, fieldState }) => (
          <InstitutionPicker
            label={t('proposals.start.institution')}
            hint={t('proposals.start.institutionHint')}
            value={field.value}
            onChange={field.onChange}
            error={fieldState.error}
            testId="lead-institution"
          />
        )}
      />
      <div className="actions">
        <SubmitButton pending={create.isPending} label={t('proposals.start.submit')} />
        <Link to={`/calls/${call.id}`}>{t('proposals.start.cancel')}</Link>
      </div>
    </form>
  );
}

/** `/proposals/new?call=<id>`: a researcher starts a proposal to an open call, as its lead PI. */
export function StartProposalPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const callId = searchParams.get('call') ?? '';
  const call = useCall(callId || undefined);
  const now = useNow(15_000);
  const viewerTimeZone = useViewerTimeZone();

  return (
    <div className="page">
      <PageTitle title={t('proposals.start.title')} />
      <h1>{t('proposals.start.title')}</h1>
      {!callId ? (
        <EmptyState>
          <p>{t('proposals.start.noCall')}</p>
          <p>
            <Link to="/calls">{t('proposals.start.browseCalls')}</Link>
          </p>
        </EmptyState>
      ) : call.isPending ? (
        <Loading />
      ) : call.isError ? (
        call.error instanceof ApiError && (call.error.status === 404 || call.error.status === 400) ? (
          <EmptyState>
            <p>{t('calls.detail.notFound')}</p>
            <p>
              <Link to="/calls">{t('proposals.start.browseCalls')}</Link>
            </p>
          </EmptyState>
        ) : (
          <ErrorState error={call.error} onRetry={() => void call.refetch()} />
        )
      ) : (
        <div className="stack">
          <p className="lead">
            {t('proposals.start.intro')} <Link to={`/calls/${call.data.id}`}>{call.data.title}</Link>
          </p>
          <Deadline
            closesAt={call.data.closesAt}
            timeZone={call.data.timeZone}
            viewerTimeZone={viewerTimeZone}
            now={now}
          />
          {acceptsProposals(call.data, now) ? (
            <StartForm call={call.data} />
          ) : (
            <div className="alert alert-warning" role="alert" data-testid="call-not-open">
              <p>{t('proposals.start.notOpen')}</p>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
