import { zodResolver } from '@hookform/resolvers/zod';
import { contract, DEFAULT_THEMES, type ReviewerProfile } from '@kizuna/shared';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../../../api/client';
import type { SaveProfileBody } from '../../../api/reviews';
import { encodeIssue, zodIssueOptions } from '../../../lib/form-errors';
import { splitLines } from '../review-text';

/*
 * The reviewer profile form. Its values are what the inputs hold (keywords as one text, collaborators one a line, a
 * date input '' for "none"); `profileToBody` makes the API body, which the resolver validates with the contract's own
 * schema (reviewer.saveProfile's body). Field names are the body's, so errors land on the inputs.
 */

export interface AffiliationRow {
  institutionId: string;
  /** The name the profile came with, shown beside the picker (not sent). */
  institutionName: string;
  startedOn: string;
  endedOn: string;
}

export interface ProfileValues {
  version: number;
  keywords: string;
  expertise: string;
  publications: { title: string; abstract: string }[];
  /** The default themes ticked. */
  themes: string[];
  /** Other themes, separated by commas. */
  otherThemes: string;
  collaborators: string;
  maxLoadPerCall: number | undefined;
  available: boolean;
  unavailableUntil: string;
  affiliations: AffiliationRow[];
}

export type ProfileBody = z.output<NonNullable<typeof contract.reviewer.saveProfile.body>>;

const DEFAULTS = new Set<string>(DEFAULT_THEMES);

/** "rice, mangroves、blue carbon" → ["rice", "mangroves", "blue carbon"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,、;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function profileToValues(profile: ReviewerProfile): ProfileValues {
  return {
    version: profile.version,
    keywords: profile.keywords.join(', '),
    expertise: profile.expertise,
    publications: profile.publications.map((p) => ({ ...p })),
    themes: profile.themes.filter((theme) => DEFAULTS.has(theme)),
    otherThemes: profile.themes.filter((theme) => !DEFAULTS.has(theme)).join(', '),
    collaborators: profile.collaborators.join('\n'),
    maxLoadPerCall: profile.maxLoadPerCall,
    available: profile.available,
    unavailableUntil: profile.unavailableUntil ?? '',
    affiliations: profile.affiliations.map((a) => ({
      institutionId: a.institution.id,
      institutionName: a.institution.name,
      startedOn: a.startedOn,
      endedOn: a.endedOn ?? '',
    })),
  };
}

export function profileToBody(values: ProfileValues): SaveProfileBody {
  return {
    version: values.version,
    keywords: splitList(values.keywords),
    expertise: values.expertise,
    publications: values.publications.map((p) => ({ title: p.title.trim(), abstract: p.abstract })),
    themes: [...new Set([...values.themes, ...splitList(values.otherThemes)])],
    collaborators: splitLines(values.collaborators),
    maxLoadPerCall: values.maxLoadPerCall as number,
    available: values.available,
    unavailableUntil: values.unavailableUntil || null,
    affiliations: values.affiliations.map((a) => ({
      institutionId: a.institutionId,
      startedOn: a.startedOn,
      endedOn: a.endedOn || null,
    })),
  };
}

const schema = contract.reviewer.saveProfile.body!;
const resolve = zodResolver(schema, zodIssueOptions) as unknown as Resolver<FieldValues, unknown>;

/** Validates the body the values make with the contract's schema; errors keep the body's paths. */
export const profileResolver: Resolver<ProfileValues, unknown, ProfileBody> = async (values, context, options) => {
  const result = await resolve(
    profileToBody(values) as unknown as FieldValues,
    context,
    options as unknown as Parameters<typeof resolve>[2],
  );
  if (Object.keys(result.errors).length === 0) return { values: result.values as ProfileBody, errors: {} };
  // The schema's one refinement (an affiliation ending before it starts) has no code of its own: name it.
  const rows = (result.errors as { affiliations?: ({ endedOn?: { type?: unknown; message?: string } } | undefined)[] })
    .affiliations;
  for (const row of Array.isArray(rows) ? rows : []) {
    if (row?.endedOn?.type === 'custom') row.endedOn.message = encodeIssue({ code: 'ends_before_start' });
  }
  return { values: {}, errors: result.errors };
};

const LIST_FIELDS = ['keywords', 'themes', 'collaborators'] as const;
const SCALAR_FIELDS = new Set(['expertise', 'maxLoadPerCall', 'available', 'unavailableUntil']);
const ROW_FIELDS: Record<string, readonly string[]> = {
  publications: ['title', 'abstract'],
  affiliations: ['institutionId', 'startedOn', 'endedOn'],
};

/** The form field that shows a server error at `path` ("affiliations.1.endedOn", "keywords.3"), if any. */
export function profileFieldFor(path: string): string | undefined {
  if (SCALAR_FIELDS.has(path)) return path;
  for (const list of LIST_FIELDS) if (path === list || path.startsWith(`${list}.`)) return list;
  for (const [list, fields] of Object.entries(ROW_FIELDS)) {
    if (path === list) return `${list}.root`;
    const match = new RegExp(`^${list}\\.(\\d+)\\.(\\w+)$`).exec(path);
    if (match && fields.includes(match[2] ?? '')) return path;
  }
  return undefined;
}

/** A 409 from saving: the profile changed elsewhere since it was loaded. */
export function isStaleProfile(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 409 &&
    !!error.problem.errors?.some((fieldError) => fieldError.code === 'stale_version')
  );
}
