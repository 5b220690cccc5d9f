import type { FieldError as ProblemFieldError, Proposal, WorkPlan } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import {
  type Control,
  type FieldError,
  type FieldPath,
  type UseFormRegister,
  useFieldArray,
  useForm,
  useWatch,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SelectField, SuccessMessage, TextAreaField, TextField } from '../../../components/form';
import { EmptyState } from '../../../components/states';
import { encodeIssue, type Issue } from '../../../lib/form-errors';
import { asNumberOrNull, staleVersion } from '../../calls/editor/call-form';
import { useProposal } from '../use-proposal';
import { useSaveWorkPlan } from '../use-save-work-plan';
import {
  EMPTY_MILESTONE,
  newWorkPackage,
  planToValues,
  refinedWorkPlanCode,
  samePlan,
  valuesToPlan,
  type WorkPlanValues,
  workPlanIssues,
} from './work-plan-model';

const MAX_WORK_PACKAGES = 20;
const MAX_MILESTONES = 10;

type Partner = Pick<Proposal['partners'][number], 'id' | 'institution'>;

/** An issue as react-hook-form's field error, for the fields of components/form. */
function asFieldError(issue: Issue | undefined): FieldError | undefined {
  return issue ? { type: issue.code, message: encodeIssue(issue) } : undefined;
}

function monthRange(start: number, end: number, t: TFunction): string {
  return start === end
    ? t('proposals.workPlan.month', { month: start })
    : t('proposals.workPlan.months', { start, end });
}

/** The work plan read-only: in the workspace for those who cannot change it, and in the submitted snapshots. */
export function WorkPlanView({ plan, partners }: { plan: WorkPlan | undefined | null; partners: readonly Partner[] }) {
  const { t } = useTranslation();
  const workPackages = plan?.workPackages ?? [];
  if (workPackages.length === 0) {
    return <p className="muted">{t('proposals.workPlan.empty')}</p>;
  }
  const partnerName = (id: string | null) =>
    id ? (partners.find((p) => p.id === id)?.institution.name ?? t('proposals.workPlan.unknownPartner')) : null;
  return (
    <ol className="plain-list stack" data-testid="work-plan-view">
      {workPackages.map((wp, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: work packages have no id; their number is their position.
        <li key={i} className="card stack-tight" data-testid="work-package-view">
          <h4>
            {t('proposals.workPlan.workPackage', { n: i + 1 })}: {wp.title}
          </h4>
          <dl className="facts">
            <dt>{t('proposals.workPlan.leadPartner')}</dt>
            <dd>{partnerName(wp.leadPartnerId) ?? t('proposals.workPlan.noLead')}</dd>
            <dt>{t('proposals.workPlan.span')}</dt>
            <dd>{monthRange(wp.startMonth, wp.endMonth, t)}</dd>
            <dt>{t('proposals.workPlan.objectives')}</dt>
            <dd className="pre-wrap">{wp.objectives || t('common.none')}</dd>
          </dl>
          {wp.milestones.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('proposals.workPlan.milestonesOf', { n: i + 1 })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('proposals.workPlan.milestoneTitle')}</th>
                    <th scope="col">{t('proposals.workPlan.dueMonth')}</th>
                    <th scope="col">{t('proposals.workPlan.verification')}</th>
                  </tr>
                </thead>
                <tbody>
                  {wp.milestones.map((m, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: milestones have no id either.
                    <tr key={j}>
                      <th scope="row">{m.title}</th>
                      <td>{t('proposals.workPlan.month', { month: m.dueMonth })}</td>
                      <td className="pre-wrap">{m.verification || t('common.none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

interface FieldsProps {
  control: Control<WorkPlanValues>;
  register: UseFormRegister<WorkPlanValues>;
  errorAt: (path: string) => FieldError | undefined;
}

function Milestones({ index, control, register, errorAt }: FieldsProps & { index: number }) {
  const { t } = useTranslation();
  const n = index + 1;
  const milestones = useFieldArray({ control, name: `workPackages.${index}.milestones` });
  return (
    <div className="stack-tight" data-testid="milestones">
      <h5>{t('proposals.workPlan.milestones')}</h5>
      {milestones.fields.length === 0 && <p className="muted small">{t('proposals.workPlan.noMilestones')}</p>}
      {milestones.fields.map((field, j) => {
        const m = j + 1;
        const at = `workPackages.${index}.milestones.${j}` as const;
        return (
          <fieldset key={field.id} className="choice-group stack-tight" data-testid="milestone">
            <legend>{t('proposals.workPlan.milestone', { n, m })}</legend>
            <div className="grid-3">
              <TextField
                label={t('proposals.workPlan.milestoneTitle')}
                maxLength={200}
                error={errorAt(`${at}.title`)}
                {...register(`${at}.title`)}
              />
              <TextField
                label={t('proposals.workPlan.dueMonth')}
                type="number"
                min={1}
                max={120}
                error={errorAt(`${at}.dueMonth`)}
                {...register(`${at}.dueMonth`, { setValueAs: asNumberOrNull })}
              />
            </div>
            <TextAreaField
              label={t('proposals.workPlan.verification')}
              hint={t('proposals.workPlan.verificationHint')}
              rows={2}
              maxLength={1000}
              error={errorAt(`${at}.verification`)}
              {...register(`${at}.verification`)}
            />
            <div className="actions">
              <button
                type="button"
                className="button button-small"
                disabled={j === 0}
                aria-label={t('proposals.workPlan.moveMilestoneUp', { n, m })}
                onClick={() => milestones.move(j, j - 1)}
              >
                {t('proposals.workPlan.moveUp')}
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={j === milestones.fields.length - 1}
                aria-label={t('proposals.workPlan.moveMilestoneDown', { n, m })}
                onClick={() => milestones.move(j, j + 1)}
              >
                {t('proposals.workPlan.moveDown')}
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={t('proposals.workPlan.removeMilestone', { n, m })}
                onClick={() => milestones.remove(j)}
              >
                {t('proposals.workPlan.remove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <button
          type="button"
          className="button button-small"
          disabled={milestones.fields.length >= MAX_MILESTONES}
          aria-label={t('proposals.workPlan.addMilestoneTo', { n })}
          onClick={() => milestones.append({ ...EMPTY_MILESTONE })}
        >
          {t('proposals.workPlan.addMilestone')}
        </button>
      </div>
    </div>
  );
}

/**
 * The work plan editor: work packages (title, objectives, lead partner, start and end month), each with milestones
 * (title, due month, verification); added, removed and reordered, then saved with the version they were based on.
 * Problems show at their fields as the user types, checked with the contract's schema and workPlanErrors (the API's
 * own checks); the API's 400 lands on the same fields; a 409 keeps the user's edits until they choose. Browser tests:
 * `work-plan-editor`, `work-package` cards, `milestone` groups, `work-plan-state`, `work-plan-conflict`.
 */
export function WorkPlanEditor({
  proposal,
  onReload,
}: {
  proposal: Proposal;
  onReload: () => Promise<Proposal | undefined>;
}) {
  const { t } = useTranslation();
  const save = useSaveWorkPlan(proposal.id);
  /** The server's plan this editor started from or saved last: what "unchanged" means, and the version sent. */
  const [base, setBase] = useState({ version: proposal.workPlanVersion, plan: proposal.workPlan });
  const [conflict, setConflict] = useState<{ current: number | undefined } | null>(null);
  const [rebased, setRebased] = useState(false);
  const [saved, setSaved] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReadonlyMap<string, Issue>>(new Map());
  const form = useForm<WorkPlanValues>({ defaultValues: planToValues(proposal.workPlan) });
  const { control, register, getFieldState, formState } = form;
  const workPackages = useFieldArray({ control, name: 'workPackages' });
  const values = useWatch({ control }) as WorkPlanValues;
  const partnerIds = useMemo(() => proposal.partners.map((p) => p.id), [proposal.partners]);
  const issues = useMemo(
    () => workPlanIssues(values, { durationMonths: proposal.durationMonths, partnerIds }),
    [values, proposal.durationMonths, partnerIds],
  );
  const plan = valuesToPlan(values);
  const dirty = !samePlan(plan, base.plan);

  // A newer plan arrived (someone else saved, a refetch) while nothing here is changed: show it.
  useEffect(() => {
    if (proposal.workPlanVersion > base.version && !dirty && !save.isPending) {
      setBase({ version: proposal.workPlanVersion, plan: proposal.workPlan });
      form.reset(planToValues(proposal.workPlan));
    }
  }, [proposal.workPlanVersion, proposal.workPlan, base.version, dirty, save.isPending, form]);

  // A field the server complained about is cleared as soon as it changes; adding, removing or moving items renumbers
  // the paths, so then the server's errors no longer point at the right fields and go.
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      setServerIssues((current) => {
        if (current.size === 0) return current;
        if (name && current.has(name)) {
          const next = new Map(current);
          next.delete(name);
          return next;
        }
        return !name || /(^workPackages|\.milestones)$/.test(name) ? new Map() : current;
      });
    });
    return () => subscription.unsubscribe();
  }, [form]);

  /** The error to show at a field: the server's, else a live one once the field was touched or a save tried. */
  const errorAt = (path: string): FieldError | undefined => {
    const server = serverIssues.get(path);
    if (server) return asFieldError(server);
    const issue = issues.get(path);
    if (!issue) return undefined;
    const state = getFieldState(path as FieldPath<WorkPlanValues>, formState);
    // Checks against the proposal (a milestone outside its work package…) show at once; "required" once touched.
    const cross = issue.code === 'outside_work_package' || issue.code === 'after_duration';
    return cross || attempted || state.isTouched || state.isDirty ? asFieldError(issue) : undefined;
  };

  const submit = async () => {
    setAttempted(true);
    setSaved(false);
    setRebased(false);
    if (issues.size > 0) {
      const first = [...issues.keys()][0];
      if (first) form.setFocus(first as FieldPath<WorkPlanValues>);
      return;
    }
    setConflict(null);
    setServerIssues(new Map());
    try {
      const result = await save.mutateAsync({ ...plan, version: base.version });
      setBase({ version: result.workPlanVersion, plan: result.workPlan });
      form.reset(planToValues(result.workPlan));
      setAttempted(false);
      setSaved(true);
    } catch (error) {
      const stale = staleVersion(error);
      if (stale) {
        setConflict(stale);
        return;
      }
      if (error instanceof ApiError && error.status === 400) {
        const placed = new Map<string, Issue>();
        for (const fieldError of error.problem.errors ?? ([] as ProblemFieldError[])) {
          const path = fieldError.path.replace(/^body\./, '');
          if (!path.startsWith('workPackages.')) continue;
          placed.set(path, { code: refinedWorkPlanCode(path, fieldError.code), params: fieldError.params });
        }
        setServerIssues(placed);
        const first = [...placed.keys()][0];
        if (first) form.setFocus(first as FieldPath<WorkPlanValues>);
      }
    }
  };

  /** Loads the plan someone else saved: `keepMine` keeps the edits here, now based on it; else theirs replaces them. */
  const reload = async (keepMine: boolean) => {
    const fresh = await onReload();
    if (!fresh) return;
    setBase({ version: fresh.workPlanVersion, plan: fresh.workPlan });
    if (!keepMine) form.reset(planToValues(fresh.workPlan));
    setConflict(null);
    setRebased(keepMine);
    save.reset();
  };

  const placedOnFields = save.error instanceof ApiError && save.error.status === 400 && serverIssues.size > 0;

  return (
    <div className="stack" data-testid="work-plan-editor">
      <p className="muted">{t('proposals.workPlan.intro')}</p>
      <p className="small" data-testid="work-plan-duration">
        {proposal.durationMonths === null
          ? t('proposals.workPlan.noDuration')
          : t('proposals.workPlan.duration', { months: proposal.durationMonths })}
      </p>
      {conflict && (
        <div className="alert alert-warning" role="alert" data-testid="work-plan-conflict">
          <p>{t('proposals.workPlan.conflict', { version: conflict.current ?? '?' })}</p>
          <div className="actions">
            <button type="button" className="button button-primary" onClick={() => void reload(true)}>
              {t('proposals.workPlan.keepMine')}
            </button>
            <button type="button" className="button" onClick={() => void reload(false)}>
              {t('proposals.workPlan.loadTheirs')}
            </button>
          </div>
        </div>
      )}
      {!conflict && !placedOnFields && <ErrorAlert error={save.error} listFieldErrors />}
      {saved && !dirty && <SuccessMessage>{t('proposals.workPlan.saved')}</SuccessMessage>}
      {rebased && dirty && (
        <div className="alert alert-warning" role="status" data-testid="work-plan-rebased">
          <p>{t('proposals.workPlan.rebased', { version: base.version })}</p>
        </div>
      )}
      {workPackages.fields.length === 0 && (
        <EmptyState>
          <p>{t('proposals.workPlan.noWorkPackages')}</p>
        </EmptyState>
      )}
      {workPackages.fields.map((field, i) => {
        const n = i + 1;
        const at = `workPackages.${i}` as const;
        return (
          <section
            key={field.id}
            className="card stack"
            aria-labelledby={`work-package-${field.id}`}
            data-testid="work-package"
          >
            <div className="section-head">
              <h3 id={`work-package-${field.id}`}>{t('proposals.workPlan.workPackage', { n })}</h3>
              <div className="actions">
                <button
                  type="button"
                  className="button button-small"
                  disabled={i === 0}
                  aria-label={t('proposals.workPlan.moveWorkPackageUp', { n })}
                  onClick={() => workPackages.move(i, i - 1)}
                >
                  {t('proposals.workPlan.moveUp')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={i === workPackages.fields.length - 1}
                  aria-label={t('proposals.workPlan.moveWorkPackageDown', { n })}
                  onClick={() => workPackages.move(i, i + 1)}
                >
                  {t('proposals.workPlan.moveDown')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('proposals.workPlan.removeWorkPackage', { n })}
                  onClick={() => workPackages.remove(i)}
                >
                  {t('proposals.workPlan.remove')}
                </button>
              </div>
            </div>
            <TextField
              label={t('proposals.workPlan.title')}
              maxLength={200}
              error={errorAt(`${at}.title`)}
              {...register(`${at}.title`)}
            />
            <TextAreaField
              label={t('proposals.workPlan.objectives')}
              rows={3}
              maxLength={5000}
              error={errorAt(`${at}.objectives`)}
              {...register(`${at}.objectives`)}
            />
            <div className="grid-3">
              <SelectField
                label={t('proposals.workPlan.leadPartner')}
                error={errorAt(`${at}.leadPartnerId`)}
                {...register(`${at}.leadPartnerId`)}
              >
                <option value="">{t('proposals.workPlan.noLead')}</option>
                {proposal.partners.map((partner) => (
                  <option key={partner.id} value={partner.id}>
                    {partner.institution.name}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={t('proposals.workPlan.startMonth')}
                type="number"
                min={1}
                max={120}
                error={errorAt(`${at}.startMonth`)}
                {...register(`${at}.startMonth`, { setValueAs: asNumberOrNull })}
              />
              <TextField
                label={t('proposals.workPlan.endMonth')}
                type="number"
                min={1}
                max={120}
                error={errorAt(`${at}.endMonth`)}
                {...register(`${at}.endMonth`, { setValueAs: asNumberOrNull })}
              />
            </div>
            <Milestones index={i} control={control} register={register} errorAt={errorAt} />
          </section>
        );
      })}
      <div>
        <button
          type="button"
          className="button"
          disabled={workPackages.fields.length >= MAX_WORK_PACKAGES}
          onClick={() => workPackages.append(newWorkPackage(proposal.durationMonths))}
        >
          {t('proposals.workPlan.addWorkPackage')}
        </button>
      </div>
      <div className="editor-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={!dirty || save.isPending || !!conflict}
          aria-busy={save.isPending || undefined}
          onClick={() => void submit()}
        >
          {save.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
          {t('proposals.workPlan.save')}
        </button>
        <span className="muted small" aria-live="polite" data-testid="work-plan-state">
          {attempted && issues.size > 0
            ? t('proposals.workPlan.fixFields')
            : dirty
              ? t('proposals.workPlan.unsaved')
              : t('proposals.workPlan.upToDate', { version: base.version })}
        </span>
      </div>
    </div>
  );
}

/** The work plan tab: the editor for the consortium while the proposal can change; read-only otherwise. */
export function WorkPlanTab({ proposal, editable }: { proposal: Proposal; editable: boolean }) {
  const current = useProposal(proposal.id);
  if (!editable) return <WorkPlanView plan={proposal.workPlan} partners={proposal.partners} />;
  return <WorkPlanEditor proposal={proposal} onReload={async () => (await current.refetch()).data} />;
}
