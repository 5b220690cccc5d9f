import { BUDGET_CATEGORIES, type BudgetCategory } from '@kizuna/shared';
import { useMemo, useState } from 'react';
import {
  type FieldError,
  type FieldPath,
  get,
  type Resolver,
  set,
  type UseFormReturn,
  useFieldArray,
  useForm,
  useWatch,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { Grant } from '../../../api/grants';
import { ErrorAlert, RadioGroupField, SelectField, TextAreaField, TextField } from '../../../components/form';
import { fieldErrorMessage } from '../../../i18n/messages';
import { decodeIssue, encodeIssue } from '../../../lib/form-errors';
import { partnerName } from '../grant-text';
import { partnerOption, useAmountHint, useDay, useMoney } from '../reports/report-text';
import {
  AMENDMENT_KINDS,
  type AmendmentValues,
  amendmentIssues,
  changedLines,
  heirCandidates,
  initialValues,
  leavingCandidates,
  lineKey,
  reallocationTotals,
  toRequestBody,
} from './amendment-model';
import { useRequestAmendment } from './use-amendment-actions';

type Form = UseFormReturn<AmendmentValues>;

function amendmentResolver(grant: Grant): Resolver<AmendmentValues> {
  return async (values) => {
    const issues = amendmentIssues(values, grant);
    if (issues.size === 0) return { values, errors: {} };
    const errors = {};
    for (const [path, issue] of issues) set(errors, path, { type: issue.code, message: encodeIssue(issue) });
    return { values: {}, errors };
  };
}

/** A problem in words: this form's own codes first, then the app's. */
function useIssueText() {
  const { t } = useTranslation();
  return (error: FieldError | undefined): string | undefined => {
    if (!error) return undefined;
    const issue = decodeIssue(error.message);
    switch (issue?.code) {
      case 'amount_precision':
        return t('grantReports.amendments.form.tooPrecise', { currency: String(issue.params?.currency ?? '') });
      case 'total_grows':
        return t('grantReports.amendments.form.totalGrows');
      case 'not_after_end':
        return t('grantReports.amendments.form.notAfterEnd');
      case 'too_small':
        return issue.params?.origin === 'array' ? t('grantReports.amendments.form.noChange') : undefined;
      default:
        return undefined;
    }
  };
}

function ReallocationFields({ form, grant }: { form: Form; grant: Grant }) {
  const { t } = useTranslation();
  const money = useMoney();
  const issueText = useIssueText();
  const amountHint = useAmountHint();
  const rows = useFieldArray({ control: form.control, name: 'lines' });
  const lines = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const totals = reallocationTotals(grant, lines);
  const errors = form.formState.errors;
  const rootError = (errors.lines as { root?: FieldError } | undefined)?.root;
  const currencyOf = (partnerId: string) => grant.partners.find((p) => p.id === partnerId)?.currency ?? grant.currency;
  const category = (c: BudgetCategory) => t(`proposals.budget.categories.${c}`);
  return (
    <div className="stack-tight" data-testid="reallocation-fields">
      <p className="muted small">{t('grantReports.amendments.form.reallocationIntro')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('grantReports.statement.partner')}</th>
              <th scope="col">{t('grantReports.amendments.year')}</th>
              <th scope="col">{t('grantReports.statement.category')}</th>
              <th scope="col" className="numeric">
                {t('grantReports.amendments.approved')}
              </th>
              <th scope="col">{t('grantReports.amendments.newAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.fields.map((field, index) => {
              const line = lines[index] ?? field;
              const currency = currencyOf(line.partnerId);
              const error = get(errors, `lines.${index}.amount`) as FieldError | undefined;
              const label = t('grantReports.amendments.form.newAmountLabel', {
                partner: partnerName(grant, line.partnerId),
                year: line.year,
                category: category(line.category),
              });
              return (
                <tr key={field.id} data-testid="reallocation-line" data-key={lineKey(line)}>
                  <th scope="row">{partnerName(grant, line.partnerId)}</th>
                  <td>{line.year}</td>
                  <td>{category(line.category)}</td>
                  <td className="numeric">{money(line.approved, currency)}</td>
                  <td className={error ? 'budget-cell budget-cell-invalid' : 'budget-cell'}>
                    <input
                      inputMode="decimal"
                      aria-label={label}
                      aria-invalid={error ? true : undefined}
                      title={amountHint(currency)}
                      {...form.register(`lines.${index}.amount`)}
                    />
                    {error && (
                      <span className="field-error small">{issueText(error) ?? fieldErrorMessage(t, error)}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <AddLine grant={grant} onAdd={(line) => rows.append(line)} existing={lines.map(lineKey)} />
      <p data-testid="reallocation-totals" className={totals.grows ? 'danger-text' : undefined}>
        {t('grantReports.amendments.form.totals', {
          currency: grant.currency,
          before: money(totals.before, grant.currency),
          after: money(totals.after, grant.currency),
        })}
      </p>
      {rootError && (
        <p className="field-error" role="alert">
          {issueText(rootError) ?? fieldErrorMessage(t, rootError)}
        </p>
      )}
      <p className="muted small">{t('grantReports.amendments.form.changedCount', { n: changedLines(lines).length })}</p>
    </div>
  );
}

/** A line the grant does not have yet (a category or a year a partner had no budget in). */
function AddLine({
  grant,
  existing,
  onAdd,
}: {
  grant: Grant;
  existing: readonly string[];
  onAdd: (line: AmendmentValues['lines'][number]) => void;
}) {
  const { t } = useTranslation();
  const partners = grant.partners.filter((p) => p.active);
  const years = Math.max(1, ...grant.budget.lines.map((l) => l.year));
  const [partnerId, setPartnerId] = useState(partners[0]?.id ?? '');
  const [year, setYear] = useState(1);
  const [category, setCategory] = useState<BudgetCategory>('PERSONNEL');
  const taken = existing.includes(lineKey({ partnerId, year, category }));
  return (
    <fieldset className="plain-fieldset inline-form" data-testid="reallocation-add">
      <legend>{t('grantReports.amendments.form.addLine')}</legend>
      <SelectField
        label={t('grantReports.statement.partner')}
        value={partnerId}
        onChange={(e) => setPartnerId(e.target.value)}
      >
        {partners.map((p) => (
          <option key={p.id} value={p.id}>
            {partnerOption(p)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('grantReports.amendments.year')}
        value={year}
        onChange={(e) => setYear(Number(e.target.value))}
      >
        {Array.from({ length: years }, (_, i) => i + 1).map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('grantReports.statement.category')}
        value={category}
        onChange={(e) => setCategory(e.target.value as BudgetCategory)}
      >
        {BUDGET_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`proposals.budget.categories.${c}`)}
          </option>
        ))}
      </SelectField>
      <div>
        <button
          type="button"
          className="button button-small"
          disabled={!partnerId || taken}
          onClick={() => onAdd({ partnerId, year, category, approved: '0', amount: '' })}
        >
          {taken ? t('grantReports.amendments.form.lineExists') : t('grantReports.amendments.form.add')}
        </button>
      </div>
    </fieldset>
  );
}

function ExtensionFields({ form, grant }: { form: Form; grant: Grant }) {
  const { t } = useTranslation();
  const day = useDay();
  const issueText = useIssueText();
  const error = form.formState.errors.endDate;
  return (
    <TextField
      type="date"
      label={t('grantReports.amendments.form.endDate')}
      hint={issueText(error) ?? t('grantReports.amendments.form.endDateHint', { date: day(grant.endDate) })}
      min={grant.endDate}
      error={error}
      {...form.register('endDate')}
    />
  );
}

function PartnerChangeFields({ form, grant }: { form: Form; grant: Grant }) {
  const { t } = useTranslation();
  const leavingId = useWatch({ control: form.control, name: 'removePartnerId' });
  const errors = form.formState.errors;
  return (
    <>
      <SelectField
        label={t('grantReports.amendments.form.leaving')}
        error={errors.removePartnerId}
        {...form.register('removePartnerId', { onChange: () => form.setValue('transferTo', '') })}
      >
        <option value="">{t('grantReports.amendments.form.choose')}</option>
        {leavingCandidates(grant).map((p) => (
          <option key={p.id} value={p.id}>
            {partnerOption(p)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('grantReports.amendments.form.transferTo')}
        hint={t('grantReports.amendments.form.transferHint')}
        error={errors.transferTo}
        disabled={!leavingId}
        {...form.register('transferTo')}
      >
        <option value="">{t('grantReports.amendments.form.noTransfer')}</option>
        {heirCandidates(grant, leavingId).map((p) => (
          <option key={p.id} value={p.id}>
            {partnerOption(p)}
          </option>
        ))}
      </SelectField>
    </>
  );
}

/**
 * The lead PI's request: a budget reallocation, a no-cost extension or a partner change, with a justification,
 * checked as the contract's RequestAmendmentBodySchema (and the server's growth and date checks) before sending.
 * Browser tests: `amendment-request-form`, the kind radios labelled by kind, `reallocation-line` rows,
 * `reallocation-totals`, `amendment-request-submit`.
 */
export function AmendmentRequestForm({
  grant,
  onDone,
  onCancel,
}: {
  grant: Grant;
  onDone: (number: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const resolver = useMemo(() => amendmentResolver(grant), [grant]);
  const form = useForm<AmendmentValues>({ resolver, defaultValues: initialValues(grant) });
  const request = useRequestAmendment(grant.id);
  const [error, setError] = useState<unknown>(null);
  const kind = useWatch({ control: form.control, name: 'kind' });

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const created = await request.mutateAsync(toRequestBody(values));
      onDone(created.number);
    } catch (caught) {
      if (!placeServerErrors(caught, form, values)) setError(caught);
    }
  });

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="amendment-request-form">
      <h3>{t('grantReports.amendments.form.title')}</h3>
      <RadioGroupField
        legend={t('grantReports.amendments.form.kind')}
        options={AMENDMENT_KINDS.map((value) => ({ value, label: t(`grantReports.amendments.kind.${value}`) }))}
        registration={form.register('kind')}
        testIdPrefix="amendment-kind-"
      />
      {kind === 'BUDGET_REALLOCATION' && <ReallocationFields form={form} grant={grant} />}
      {kind === 'NO_COST_EXTENSION' && <ExtensionFields form={form} grant={grant} />}
      {kind === 'PARTNER_CHANGE' && <PartnerChangeFields form={form} grant={grant} />}
      <TextAreaField
        label={t('grantReports.amendments.form.justification')}
        hint={t('grantReports.amendments.form.justificationHint')}
        rows={4}
        maxLength={5000}
        error={form.formState.errors.justification}
        {...form.register('justification')}
      />
      <ErrorAlert error={error} listFieldErrors={error instanceof ApiError && error.status === 400} />
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={request.isPending}
          aria-busy={request.isPending || undefined}
          data-testid="amendment-request-submit"
        >
          {request.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
          {t('grantReports.amendments.form.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('grants.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The server's field errors on the fields they are about; true when every one found its field. */
function placeServerErrors(caught: unknown, form: Form, values: AmendmentValues): boolean {
  if (!(caught instanceof ApiError) || caught.status !== 400) return false;
  const rows = changedLines(values.lines).map((c) => c.row);
  const entries = Object.entries(caught.fieldErrors);
  let placed = 0;
  for (const [path, fieldError] of entries) {
    const line = /^request\.lines\.(\d+)/.exec(path);
    const field = line
      ? `lines.${rows[Number(line[1])]}.amount`
      : path.startsWith('request.')
        ? path.slice('request.'.length)
        : path;
    if (!['justification', 'endDate', 'removePartnerId', 'transferTo'].includes(field) && !line) continue;
    const message = encodeIssue({ code: fieldError.code, params: fieldError.params });
    form.setError(field as FieldPath<AmendmentValues>, { type: 'server', message });
    placed++;
  }
  return placed > 0 && placed === entries.length;
}
