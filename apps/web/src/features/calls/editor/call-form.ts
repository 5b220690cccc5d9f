import { zodResolver } from '@hookform/resolvers/zod';
import {
  type ATTACHMENT_TYPES,
  type Call,
  type CallInput,
  contract,
  DEFAULT_ELIGIBILITY_RULES,
  type EligibilityRule,
  type EligibilityRuleKind,
  KIZUNA_COUNTRIES,
  type FieldError as ProblemFieldError,
} from '@kizuna/shared';
import { type FieldErrors, get, type Resolver } from 'react-hook-form';
import { ApiError } from '../../../api/client';
import { encodeIssue, zodIssueOptions } from '../../../lib/form-errors';
import { isoToZonedLocal, zonedLocalToIso } from '../../../lib/zoned-time';

/*
 * The call editor's form. Its values are what the inputs hold — wall-clock times in the call's time zone, money as
 * typed, '' for "no cap", one row shape for every eligibility rule — and `toBody` turns them into the API body, which
 * the resolver validates with the contract's own schemas (calls.create / calls.update bodies, i.e. CallInputSchema
 * extended with programmeId or version). Field paths are the same on both sides, so errors land on the inputs.
 */

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Every eligibility rule kind as one row; only the parameters of its kind are sent. */
export interface RuleRow {
  kind: EligibilityRuleKind;
  min: number | undefined;
  max: number | undefined;
  countries: string[];
  /** min_distinct_countries only: the ASEAN member states instead of a list. */
  asean: boolean;
}

export interface CallFormValues {
  /** Create only. */
  programmeId: string;
  /** Edit only: the version the form was loaded from, sent back for optimistic concurrency. */
  version: number | undefined;
  title: string;
  summary: string;
  description: string;
  themes: string[];
  currency: string;
  timeZone: string;
  /** datetime-local values, meant in `timeZone`. */
  opensAt: string;
  closesAt: string;
  maxDurationMonths: number | undefined;
  /** '' for no cap. */
  capPerProposal: string;
  capPerPartner: string;
  indirectRate: string;
  reviewersPerProposal: number | undefined;
  sections: { key: string; title: string; guidance: string; maxWords: number | null }[];
  attachments: {
    key: string;
    title: string;
    required: boolean;
    maxSizeMb: number | undefined;
    types: AttachmentType[];
  }[];
  rubric: {
    scale: { min: number | undefined; max: number | undefined };
    criteria: { key: string; title: string; weight: number | undefined; guidance: string }[];
  };
  agencies: { agencyId: string; envelope: string }[];
  rates: { currency: string; rate: string }[];
  eligibilityRules: RuleRow[];
}

export type CallFormMode = 'create' | 'edit';

/** What the resolver hands to the submit handler: a validated API body. */
export type CallBody = CallInput & { programmeId?: string; version?: number };

export const DEFAULT_TIME_ZONE = 'Asia/Bangkok';

export function ruleToRow(rule: EligibilityRule): RuleRow {
  const row: RuleRow = { kind: rule.kind, min: undefined, max: undefined, countries: [], asean: false };
  if ('min' in rule) row.min = rule.min;
  if ('max' in rule) row.max = rule.max;
  if ('countries' in rule) {
    if (rule.countries === 'ASEAN') row.asean = true;
    else row.countries = [...rule.countries];
  }
  return row;
}

/** A new rule of `kind` with sensible parameters. */
export function newRuleRow(kind: EligibilityRuleKind): RuleRow {
  const fromDefaults = DEFAULT_ELIGIBILITY_RULES.find((rule) => rule.kind === kind);
  if (fromDefaults) return ruleToRow(fromDefaults);
  return {
    kind,
    min: 1,
    max: kind === 'max_partners' ? 10 : undefined,
    countries: kind === 'lead_country_in' ? [...KIZUNA_COUNTRIES] : [],
    asean: false,
  };
}

export function rowToRule(row: RuleRow): Record<string, unknown> {
  switch (row.kind) {
    case 'min_partners_in_countries':
      return { kind: row.kind, countries: row.countries, min: row.min };
    case 'min_distinct_countries':
      return { kind: row.kind, countries: row.asean ? 'ASEAN' : row.countries, min: row.min };
    case 'min_agency_countries':
      return { kind: row.kind, min: row.min };
    case 'lead_country_in':
      return { kind: row.kind, countries: row.countries };
    case 'max_partners':
      return { kind: row.kind, max: row.max };
    default:
      return { kind: row.kind };
  }
}

/** Parameters each rule kind has, for showing its inputs. */
export const RULE_PARAMS: Record<EligibilityRuleKind, readonly ('min' | 'max' | 'countries' | 'asean')[]> = {
  min_partners_in_countries: ['min', 'countries'],
  min_distinct_countries: ['min', 'asean', 'countries'],
  min_agency_countries: ['min'],
  lead_country_in: ['countries'],
  partners_agency_participates: [],
  max_partners: ['max'],
  budget_total_max: [],
  budget_partner_max: [],
  duration_max: [],
  sections_complete: [],
  attachments_present: [],
};

export const RULE_KINDS = Object.keys(RULE_PARAMS) as EligibilityRuleKind[];

export function emptyCallValues(programmeId = ''): CallFormValues {
  return {
    programmeId,
    version: undefined,
    title: '',
    summary: '',
    description: '',
    themes: [],
    currency: 'USD',
    timeZone: DEFAULT_TIME_ZONE,
    opensAt: '',
    closesAt: '',
    maxDurationMonths: 36,
    capPerProposal: '',
    capPerPartner: '',
    indirectRate: '0.25',
    reviewersPerProposal: 3,
    sections: [],
    attachments: [],
    rubric: {
      scale: { min: 1, max: 5 },
      criteria: [
        { key: 'excellence', title: '', weight: 50, guidance: '' },
        { key: 'impact', title: '', weight: 30, guidance: '' },
        { key: 'implementation', title: '', weight: 20, guidance: '' },
      ],
    },
    agencies: [],
    rates: [],
    eligibilityRules: DEFAULT_ELIGIBILITY_RULES.map(ruleToRow),
  };
}

/** The form values of a saved call: instants become wall-clock times in the call's zone. */
export function callToValues(call: Call): CallFormValues {
  return {
    programmeId: call.programme.id,
    version: call.version,
    title: call.title,
    summary: call.summary,
    description: call.description,
    themes: [...call.themes],
    currency: call.currency,
    timeZone: call.timeZone,
    opensAt: isoToZonedLocal(call.opensAt, call.timeZone),
    closesAt: isoToZonedLocal(call.closesAt, call.timeZone),
    maxDurationMonths: call.maxDurationMonths,
    capPerProposal: call.capPerProposal ?? '',
    capPerPartner: call.capPerPartner ?? '',
    indirectRate: call.indirectRate,
    reviewersPerProposal: call.reviewersPerProposal,
    sections: call.sections.map((s) => ({ ...s, guidance: s.guidance ?? '', maxWords: s.maxWords ?? null })),
    attachments: call.attachments.map((a) => ({ ...a, types: [...a.types] })),
    rubric: {
      scale: { ...call.rubric.scale },
      criteria: call.rubric.criteria.map((c) => ({ ...c, guidance: c.guidance ?? '' })),
    },
    agencies: call.agencies.map((a) => ({ agencyId: a.agencyId, envelope: a.envelope })),
    rates: call.rates.map((r) => ({ ...r })),
    eligibilityRules: call.eligibilityRules.map(ruleToRow),
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The API body for the values; not validated (the resolver does that). */
export function valuesToBody(values: CallFormValues, mode: CallFormMode): Record<string, unknown> {
  return {
    ...(mode === 'create' ? { programmeId: values.programmeId } : { version: values.version }),
    title: values.title,
    summary: values.summary,
    description: values.description,
    themes: values.themes,
    currency: values.currency,
    timeZone: values.timeZone,
    // A wall time that cannot be read stays as typed, so the schema reports the field.
    opensAt: zonedLocalToIso(values.opensAt, values.timeZone) ?? values.opensAt,
    closesAt: zonedLocalToIso(values.closesAt, values.timeZone) ?? values.closesAt,
    maxDurationMonths: values.maxDurationMonths,
    capPerProposal: blankToNull(values.capPerProposal),
    capPerPartner: blankToNull(values.capPerPartner),
    indirectRate: values.indirectRate.trim(),
    sections: values.sections,
    attachments: values.attachments,
    eligibilityRules: values.eligibilityRules.map(rowToRule),
    rubric: values.rubric,
    reviewersPerProposal: values.reviewersPerProposal,
    agencies: values.agencies.map((a) => ({ agencyId: a.agencyId, envelope: a.envelope.trim() })),
    rates: values.rates.map((r) => ({ currency: r.currency, rate: r.rate.trim() })),
  };
}

/** Number inputs: '' is "not given" (so the schema says "required"), anything else a number. */
export const asNumber = (value: unknown) =>
  value === '' || value === null || value === undefined ? undefined : Number(value);
export const asNumberOrNull = (value: unknown) =>
  value === '' || value === null || value === undefined ? null : Number(value);

/**
 * The schema's cross-field checks (refine) have no code of their own ("custom"); by where they point, these say what
 * they check, for the browser's and the server's errors alike.
 */
const REFINEMENTS: Record<string, string> = {
  closesAt: 'closes_before_opens',
  'rubric.criteria': 'weights_total',
  'rubric.scale.max': 'scale_max_not_above_min',
  sections: 'duplicate_keys',
  attachments: 'duplicate_keys',
  agencies: 'duplicate_agency',
  rates: 'duplicate_currency',
};

export function refinedCode(path: string, code: string): string {
  return code === 'custom' ? (REFINEMENTS[path] ?? code) : code;
}

function relabelRefinements(errors: FieldErrors<CallFormValues>) {
  for (const path of Object.keys(REFINEMENTS)) {
    for (const at of [path, `${path}.root`]) {
      const error = get(errors, at) as { type?: unknown; message?: string } | undefined;
      if (error && error.type === 'custom') error.message = encodeIssue({ code: refinedCode(path, 'custom') });
    }
  }
  return errors;
}

/** zodResolver over the contract's body schema of `mode`, applied to the body the values make. */
export function callFormResolver(mode: CallFormMode): Resolver<CallFormValues, unknown, CallBody> {
  const schema = mode === 'create' ? contract.calls.create.body : contract.calls.update.body;
  if (!schema) throw new Error(`The contract has no body schema for calls.${mode}`);
  const resolve = zodResolver(schema, zodIssueOptions) as unknown as Resolver<Record<string, unknown>, unknown>;
  return async (values, context, options) => {
    const result = await resolve(
      valuesToBody(values, mode),
      context,
      options as unknown as Parameters<typeof resolve>[2],
    );
    if (Object.keys(result.errors).length > 0) {
      return { values: {}, errors: relabelRefinements(result.errors as FieldErrors<CallFormValues>) };
    }
    return { values: result.values as CallBody, errors: {} };
  };
}

/* Server errors → form fields. */

const SCALAR_FIELDS = new Set([
  'title',
  'summary',
  'description',
  'themes',
  'currency',
  'timeZone',
  'opensAt',
  'closesAt',
  'maxDurationMonths',
  'capPerProposal',
  'capPerPartner',
  'indirectRate',
  'reviewersPerProposal',
  'rubric.scale.min',
  'rubric.scale.max',
]);

const ROW_FIELDS: Record<string, readonly string[]> = {
  sections: ['key', 'title', 'guidance', 'maxWords'],
  attachments: ['key', 'title', 'required', 'maxSizeMb', 'types'],
  agencies: ['agencyId', 'envelope'],
  rates: ['currency', 'rate'],
  'rubric.criteria': ['key', 'title', 'weight', 'guidance'],
  eligibilityRules: ['min', 'max', 'countries'],
};

/**
 * The form field showing a server error at `path` ("agencies.0.agencyId", "rubric.criteria"), or undefined when no
 * input shows it. Lists take errors about the whole list on `<list>.root`.
 */
export function fieldForServerPath(path: string, values: CallFormValues, mode: CallFormMode): string | undefined {
  if (mode === 'create' && path === 'programmeId') return path;
  if (SCALAR_FIELDS.has(path)) return path;
  if (/^themes\.\d+$/.test(path)) return 'themes';
  for (const [list, fields] of Object.entries(ROW_FIELDS)) {
    if (path === list) return `${list}.root`;
    if (!path.startsWith(`${list}.`)) continue;
    // A deeper error (attachments.0.types.1, eligibilityRules.0.countries.2) belongs to its input.
    const [index, field] = path.slice(list.length + 1).split('.');
    const rows = get(values, list) as unknown[] | undefined;
    if (!/^\d+$/.test(index ?? '') || Number(index) >= (rows?.length ?? 0)) return undefined;
    return field && fields.includes(field) ? `${list}.${index}.${field}` : undefined;
  }
  return undefined;
}

export interface PlacedServerErrors {
  placed: { field: string; error: ProblemFieldError }[];
  unplaced: ProblemFieldError[];
}

/** Sorts a failed save's field errors into those an input shows and the rest (for the summary). */
export function sortServerErrors(error: unknown, values: CallFormValues, mode: CallFormMode): PlacedServerErrors {
  const out: PlacedServerErrors = { placed: [], unplaced: [] };
  if (!(error instanceof ApiError)) return out;
  for (const fieldError of error.problem.errors ?? []) {
    const path = fieldError.path.startsWith('body.') ? fieldError.path.slice('body.'.length) : fieldError.path;
    if (fieldError.code === 'stale_version') continue;
    const field = fieldForServerPath(path, values, mode);
    const placed = { ...fieldError, path, code: refinedCode(path, fieldError.code) };
    if (field) out.placed.push({ field, error: placed });
    else out.unplaced.push(placed);
  }
  return out;
}

/** When a save failed because someone else saved first: the version the server has now (if it said). */
export function staleVersion(error: unknown): { current: number | undefined } | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const stale = error.problem.errors?.find((e) => e.code === 'stale_version');
  if (!stale) return undefined;
  const current = stale.params?.current;
  return { current: typeof current === 'number' ? current : undefined };
}
