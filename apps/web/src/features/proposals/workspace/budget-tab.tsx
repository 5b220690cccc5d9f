import {
  BUDGET_CATEGORIES,
  BUDGET_MAX_YEARS,
  type BudgetResult,
  type Call,
  computeBudget,
  type Proposal,
  sumMoney,
} from '@kizuna/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { Budget } from '../../../api/proposals';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { moneyText, useCountryName } from '../../calls/call-text';
import { staleVersion } from '../../calls/editor/call-form';
import { useBudget } from '../use-budget';
import { useSaveBudget } from '../use-save-budget';
import {
  budgetInput,
  budgetYears,
  type CellProblem,
  type Cells,
  cellKey,
  cellProblems,
  cellsToLines,
  linesToCells,
  normaliseAmount,
  sameLines,
} from './budget-model';
import { BudgetSummary } from './budget-summary';

type Partner = Proposal['partners'][number];

function PartnerGrid({
  partner,
  call,
  years,
  cells,
  problems,
  serverErrors,
  figures,
  editable,
  onChange,
}: {
  partner: Partner;
  call: Call;
  years: number;
  cells: Cells;
  problems: Record<string, CellProblem>;
  serverErrors: ReadonlySet<string>;
  figures: BudgetResult['partners'][number] | undefined;
  editable: boolean;
  onChange: (key: string, value: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const name = partner.institution.name;
  const rate = partner.currency === call.currency ? '1' : call.rates.find((r) => r.currency === partner.currency)?.rate;
  const headingId = `budget-partner-${partner.id}`;
  /** The direct costs of a year in the partner's currency: an exact sum of the valid cells. */
  const yearTotal = (year: number) => {
    const amounts: string[] = [];
    for (const category of BUDGET_CATEGORIES) {
      const key = cellKey(partner.id, year, category);
      const text = cells[key] ?? '';
      if (text.trim() !== '' && !problems[key]) amounts.push(normaliseAmount(text));
    }
    return moneyText(sumMoney(amounts), partner.currency, locale);
  };

  return (
    <section
      className="card stack"
      aria-labelledby={headingId}
      data-testid={`budget-grid-${partner.institution.countryCode}`}
    >
      <h3 id={headingId}>
        {name} <span className="muted small">{countryName(partner.institution.countryCode)}</span>
      </h3>
      <p className="muted small">
        {rate === undefined
          ? t('proposals.budget.noRate', { currency: partner.currency })
          : partner.currency === call.currency
            ? t('proposals.budget.amountsInCallCurrency', { currency: partner.currency })
            : t('proposals.budget.amountsIn', { currency: partner.currency, rate, callCurrency: call.currency })}
      </p>
      <div className="table-wrap">
        <table className="budget-grid">
          <thead>
            <tr>
              <th scope="col">{t('proposals.budget.yearColumn')}</th>
              {BUDGET_CATEGORIES.map((category) => (
                <th key={category} scope="col">
                  {t(`proposals.budget.categories.${category}`)}
                </th>
              ))}
              <th scope="col" className="numeric">
                {t('proposals.budget.direct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: years }, (_, i) => i + 1).map((year) => (
              <tr key={year}>
                <th scope="row">{t('proposals.budget.year', { year })}</th>
                {BUDGET_CATEGORIES.map((category) => {
                  const key = cellKey(partner.id, year, category);
                  const value = cells[key] ?? '';
                  const problem = problems[key];
                  const invalid = !!problem || serverErrors.has(key);
                  const label = t('proposals.budget.cellLabel', {
                    partner: name,
                    year,
                    category: t(`proposals.budget.categories.${category}`),
                  });
                  return (
                    <td key={category} className={invalid ? 'budget-cell budget-cell-invalid' : 'budget-cell'}>
                      {editable ? (
                        <>
                          <input
                            inputMode="decimal"
                            aria-label={label}
                            aria-invalid={invalid || undefined}
                            value={value}
                            onChange={(event) => onChange(key, event.target.value)}
                          />
                          {problem && (
                            <span className="field-error small">
                              {problem === 'amount_precision'
                                ? t('proposals.budget.tooManyDecimals', { currency: partner.currency })
                                : t('proposals.budget.notAnAmount')}
                            </span>
                          )}
                        </>
                      ) : value ? (
                        <span title={label}>{moneyText(normaliseAmount(value), partner.currency, locale)}</span>
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                  );
                })}
                <td className="numeric">{yearTotal(year)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {figures && (
        <dl
          className="facts budget-partner-figures"
          data-testid={`budget-partner-figures-${partner.institution.countryCode}`}
        >
          <dt>{t('proposals.budget.direct')}</dt>
          <dd>{moneyText(figures.partnerCurrency.direct, figures.currency, locale)}</dd>
          <dt>{t('proposals.budget.indirect')}</dt>
          <dd>{moneyText(figures.partnerCurrency.indirect, figures.currency, locale)}</dd>
          <dt>{t('proposals.budget.partnerTotal')}</dt>
          <dd>
            <strong>{moneyText(figures.partnerCurrency.total, figures.currency, locale)}</strong>
            {figures.currency !== call.currency && (
              <span className="muted"> = {moneyText(figures.callCurrency.total, call.currency, locale)}</span>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}

/**
 * The budget grid: years × categories per partner, in the partner's currency, with live totals from the shared
 * computeBudget while typing and the server's totals once saved.
 */
export function BudgetEditor({
  proposal,
  call,
  budget,
  editable,
  onReload,
}: {
  proposal: Proposal;
  call: Call;
  budget: Budget;
  editable: boolean;
  onReload: () => Promise<Budget | undefined>;
}) {
  const { t } = useTranslation();
  const save = useSaveBudget(proposal.id);
  /** The server's budget this editor started from or saved last: its lines are what "unchanged" means. */
  const [base, setBase] = useState<Budget>(budget);
  const [cells, setCells] = useState<Cells>(() => linesToCells(budget.lines, proposal.partners));
  const [extraYears, setExtraYears] = useState(0);
  const [conflict, setConflict] = useState<{ current: number | undefined } | null>(null);
  const [serverErrors, setServerErrors] = useState<ReadonlySet<string>>(new Set());
  const [saved, setSaved] = useState(false);
  const [merged, setMerged] = useState(false);

  const lines = useMemo(() => cellsToLines(cells, proposal.partners), [cells, proposal.partners]);
  const problems = useMemo(() => cellProblems(cells, proposal.partners), [cells, proposal.partners]);
  const hasProblems = Object.keys(problems).length > 0;
  const dirty = hasProblems || !sameLines(lines, base.lines);
  const live = useMemo(() => computeBudget(budgetInput(proposal, call, lines)), [proposal, call, lines]);
  const serverCurrent = !dirty;
  const shown = serverCurrent ? base.summary : live;
  const years = budgetYears(proposal.durationMonths, cells, extraYears);

  // A newer budget arrived (someone else saved, a refetch) while nothing here is changed: show it.
  useEffect(() => {
    if (budget.version > base.version && !dirty && !save.isPending) {
      setBase(budget);
      setCells(linesToCells(budget.lines, proposal.partners));
    }
  }, [budget, base.version, dirty, save.isPending, proposal.partners]);

  const change = (key: string, value: string) => {
    setSaved(false);
    setCells((current) => ({ ...current, [key]: value }));
    if (serverErrors.has(key)) setServerErrors((current) => new Set([...current].filter((k) => k !== key)));
  };

  const submit = async (version = base.version) => {
    setConflict(null);
    setMerged(false);
    setServerErrors(new Set());
    setSaved(false);
    const sent = lines;
    try {
      const result = await save.mutateAsync({ version, lines: sent });
      setBase(result);
      setCells(linesToCells(result.lines, proposal.partners));
      setExtraYears(0);
      setSaved(true);
    } catch (error) {
      const stale = staleVersion(error);
      if (stale) {
        setConflict(stale);
        return;
      }
      if (error instanceof ApiError) {
        const keys = new Set<string>();
        for (const fieldError of error.problem.errors ?? []) {
          const match = /^body\.lines\.(\d+)\./.exec(fieldError.path);
          const line = match ? sent[Number(match[1])] : undefined;
          if (line) keys.add(cellKey(line.partnerId, line.year, line.category));
        }
        setServerErrors(keys);
      }
    }
  };

  /**
   * Loads the budget someone else saved. With `merge`, the cells changed here since the last load are put on top of
   * it (nothing of theirs is dropped that was not edited here); the result is then reviewed and saved as usual.
   */
  const reload = async (merge: boolean) => {
    const fresh = await onReload();
    if (!fresh) return;
    const next: Record<string, string> = { ...linesToCells(fresh.lines, proposal.partners) };
    if (merge) {
      const before = linesToCells(base.lines, proposal.partners);
      for (const key of new Set([...Object.keys(before), ...Object.keys(cells)])) {
        const mine = normaliseAmount(cells[key] ?? '');
        if (mine !== normaliseAmount(before[key] ?? '')) {
          if (mine === '') delete next[key];
          else next[key] = cells[key] ?? '';
        }
      }
    }
    setBase(fresh);
    setCells(next);
    setConflict(null);
    setMerged(merge);
    save.reset();
  };

  return (
    <div className="stack" data-testid="budget-editor">
      <p className="muted">{t('proposals.budget.intro', { currency: call.currency })}</p>
      {conflict && (
        <div className="alert alert-warning" role="alert" data-testid="budget-conflict">
          <p>{t('proposals.budget.conflict', { version: conflict.current ?? '?' })}</p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => void reload(true)}>
              {t('proposals.budget.merge')}
            </button>
            <button type="button" className="button" onClick={() => void reload(false)}>
              {t('proposals.budget.loadTheirs')}
            </button>
          </div>
        </div>
      )}
      {!conflict && <ErrorAlert error={save.error} listFieldErrors={false} />}
      {saved && !dirty && <SuccessMessage>{t('proposals.budget.saved')}</SuccessMessage>}
      {merged && dirty && (
        <div className="alert alert-warning" role="status" data-testid="budget-merged">
          <p>{t('proposals.budget.merged', { version: base.version })}</p>
        </div>
      )}
      {proposal.partners.map((partner) => (
        <PartnerGrid
          key={partner.id}
          partner={partner}
          call={call}
          years={years}
          cells={cells}
          problems={problems}
          serverErrors={serverErrors}
          figures={shown.partners.find((p) => p.partnerId === partner.id)}
          editable={editable}
          onChange={change}
        />
      ))}
      {editable && (
        <div className="editor-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!dirty || hasProblems || save.isPending}
            aria-busy={save.isPending || undefined}
            onClick={() => void submit()}
          >
            {save.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
            {t('proposals.budget.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={years >= BUDGET_MAX_YEARS}
            onClick={() => setExtraYears((n) => n + 1)}
          >
            {t('proposals.budget.addYear')}
          </button>
          <span className="muted small" aria-live="polite" data-testid="budget-state">
            {hasProblems
              ? t('proposals.budget.fixCells')
              : dirty
                ? t('proposals.budget.unsaved')
                : t('proposals.budget.upToDate', { version: base.version })}
          </span>
        </div>
      )}
      <BudgetSummary result={shown} proposal={proposal} call={call} source={serverCurrent ? 'server' : 'live'} />
    </div>
  );
}

export function BudgetTab({ proposal, call, editable }: { proposal: Proposal; call: Call; editable: boolean }) {
  const budget = useBudget(proposal.id);
  if (budget.isPending) return <Loading />;
  if (budget.isError) return <ErrorState error={budget.error} onRetry={() => void budget.refetch()} />;
  return (
    <BudgetEditor
      proposal={proposal}
      call={call}
      budget={budget.data}
      editable={editable}
      onReload={async () => (await budget.refetch()).data}
    />
  );
}
