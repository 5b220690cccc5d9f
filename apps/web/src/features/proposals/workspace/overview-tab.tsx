import { zodResolver } from '@hookform/resolvers/zod';
import { type Call, type Proposal, ProposalHeaderSchema } from '@kizuna/shared';
import { useEffect, useRef, useState } from 'react';
import { type FieldErrors, type Resolver, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  ErrorAlert,
  SelectField,
  SubmitButton,
  SuccessMessage,
  TextAreaField,
  TextField,
} from '../../../components/form';
import { applyServerErrors, zodIssueOptions } from '../../../lib/form-errors';
import { themeLabel } from '../../calls/call-text';
import { asNumberOrNull, staleVersion } from '../../calls/editor/call-form';
import { useProposal } from '../use-proposal';
import { useUpdateProposal } from '../use-update-proposal';

type Header = z.output<typeof ProposalHeaderSchema>;

/** What the inputs hold: keywords as one text, the duration as typed. */
export interface HeaderValues {
  title: string;
  acronym: string;
  abstract: string;
  keywords: string;
  theme: string;
  durationMonths: number | null;
}

/** "rice, mangroves、blue carbon" → ["rice", "mangroves", "blue carbon"]. */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[,、;\n]/)
    .map((keyword) => keyword.trim())
    .filter(Boolean);
}

export function headerValues(proposal: Proposal): HeaderValues {
  return {
    title: proposal.title,
    acronym: proposal.acronym,
    abstract: proposal.abstract,
    keywords: proposal.keywords.join(', '),
    theme: proposal.theme,
    durationMonths: proposal.durationMonths,
  };
}

const headerResolve = zodResolver(ProposalHeaderSchema, zodIssueOptions) as unknown as Resolver<
  Record<string, unknown>,
  unknown
>;

/** Validates with the contract's header schema; an error about one keyword shows on the keywords input. */
const headerResolver: Resolver<HeaderValues, unknown, Header> = async (values, context, options) => {
  const result = await headerResolve(
    { ...values, keywords: splitKeywords(values.keywords) },
    context,
    options as unknown as Parameters<typeof headerResolve>[2],
  );
  if (Object.keys(result.errors).length === 0) return { values: result.values as Header, errors: {} };
  const errors = { ...result.errors } as Record<string, unknown>;
  if (Array.isArray(errors.keywords)) errors.keywords = (errors.keywords as unknown[]).find(Boolean);
  return { values: {}, errors: errors as FieldErrors<HeaderValues> };
};

const SERVER_FIELDS = ['title', 'acronym', 'abstract', 'keywords', 'theme', 'durationMonths'] as const;

/** The proposal's header: title, acronym, abstract, keywords, theme and duration, saved with its version. */
export function OverviewTab({ proposal, call, editable }: { proposal: Proposal; call: Call; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateProposal(proposal.id);
  const current = useProposal(proposal.id);
  const [conflict, setConflict] = useState<{ current: number | undefined } | null>(null);
  const [saved, setSaved] = useState(false);
  const loadedVersion = useRef(proposal.version);
  const form = useForm<HeaderValues, unknown, Header>({
    resolver: headerResolver,
    defaultValues: headerValues(proposal),
  });
  const { errors, isDirty } = form.formState;

  // A newer version arrived (someone else saved, a refetch) and nothing here is changed: show it.
  useEffect(() => {
    if (proposal.version !== loadedVersion.current && !isDirty && !update.isPending) {
      loadedVersion.current = proposal.version;
      form.reset(headerValues(proposal));
    }
  }, [proposal, isDirty, update.isPending, form]);

  const send = async (header: Header, version: number) => {
    setConflict(null);
    setSaved(false);
    try {
      const result = await update.mutateAsync({ ...header, version });
      loadedVersion.current = result.version;
      form.reset(headerValues(result));
      setSaved(true);
    } catch (error) {
      const stale = staleVersion(error);
      if (stale) setConflict(stale);
      else applyServerErrors(error, form.setError, SERVER_FIELDS);
    }
  };

  const onSubmit = form.handleSubmit((header) => send(header, loadedVersion.current));

  const keepMine = form.handleSubmit((header) => send(header, conflict?.current ?? loadedVersion.current));

  const loadCurrent = async () => {
    const fresh = (await current.refetch()).data;
    if (!fresh) return;
    loadedVersion.current = fresh.version;
    form.reset(headerValues(fresh));
    setConflict(null);
    update.reset();
  };

  const themes = [...new Set([...call.themes, proposal.theme].filter(Boolean))];

  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-label={t('proposals.overview.title')}>
      {conflict && (
        <div className="alert alert-warning" role="alert" data-testid="header-conflict">
          <p>{t('proposals.overview.conflict', { version: conflict.current ?? '?' })}</p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => void keepMine()}>
              {t('proposals.overview.keepMine')}
            </button>
            <button type="button" className="button" onClick={() => void loadCurrent()}>
              {t('proposals.overview.loadCurrent')}
            </button>
          </div>
        </div>
      )}
      {!conflict && <ErrorAlert error={update.error} />}
      {saved && !isDirty && <SuccessMessage>{t('proposals.overview.saved')}</SuccessMessage>}
      <fieldset className="plain-fieldset stack card" disabled={!editable}>
        <TextField
          label={t('proposals.fields.title')}
          maxLength={300}
          error={errors.title}
          {...form.register('title')}
        />
        <TextField
          label={t('proposals.fields.acronym')}
          hint={t('proposals.hints.acronym')}
          maxLength={20}
          error={errors.acronym}
          {...form.register('acronym')}
        />
        <TextAreaField
          label={t('proposals.fields.abstract')}
          rows={6}
          maxLength={5000}
          error={errors.abstract}
          {...form.register('abstract')}
        />
        <TextField
          label={t('proposals.fields.keywords')}
          hint={t('proposals.hints.keywords')}
          error={errors.keywords}
          {...form.register('keywords')}
        />
        <SelectField label={t('proposals.fields.theme')} error={errors.theme} {...form.register('theme')}>
          {themes.map((theme) => (
            <option key={theme} value={theme}>
              {themeLabel(t, theme)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('proposals.fields.durationMonths')}
          hint={t('proposals.hints.durationMonths', { max: call.maxDurationMonths })}
          type="number"
          min={1}
          max={120}
          error={errors.durationMonths}
          {...form.register('durationMonths', { setValueAs: asNumberOrNull })}
        />
      </fieldset>
      {editable && (
        <div className="editor-actions">
          <SubmitButton pending={update.isPending} label={t('proposals.overview.save')} />
          <span className="muted small" data-testid="proposal-version">
            {t('proposals.overview.version', { version: proposal.version })}
          </span>
        </div>
      )}
    </form>
  );
}
