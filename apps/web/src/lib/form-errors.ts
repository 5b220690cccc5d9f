import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../api/client';

/**
 * A validation issue as a stable code plus parameters, never as prose: the same shape for zod issues found in
 * the browser and for `errors[]` of a problem from the server, so both are translated by one function.
 */
export interface Issue {
  code: string;
  params?: Record<string, unknown>;
}

const PREFIX = 'issue:';

/** react-hook-form keeps a string per field error; the issue travels in it, encoded. */
export function encodeIssue(issue: Issue): string {
  return `${PREFIX}${JSON.stringify(issue)}`;
}

export function decodeIssue(message: string | undefined): Issue | undefined {
  if (!message?.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(message.slice(PREFIX.length)) as Issue;
    return typeof value.code === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

const ISSUE_PARAMS = ['origin', 'minimum', 'maximum', 'inclusive', 'exact', 'format', 'expected'] as const;

/**
 * The zod error map for forms (`zodResolver(schema, zodIssueOptions)`): every issue becomes an encoded Issue.
 * Custom issues may name their translation with `params: { code: '...' }` (e.g. passwords_do_not_match).
 */
export function zodIssueMessage(issue: z.core.$ZodRawIssue): string {
  const raw = issue as unknown as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const key of ISSUE_PARAMS) {
    const value = raw[key];
    if (value !== undefined) params[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  if (issue.input === undefined || issue.input === null) params.missing = true;
  const custom = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  const code = typeof custom?.code === 'string' ? custom.code : (issue.code ?? 'custom');
  return encodeIssue({ code, params });
}

export const zodIssueOptions = { error: zodIssueMessage };

/**
 * Puts the server's field-level errors (`errors[].path` "body.x") on the form's fields. Returns true when at
 * least one landed on a field; the caller shows the problem itself for the rest.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  if (!(error instanceof ApiError)) return false;
  let applied = false;
  const known = new Set<string>(fields);
  for (const [field, fieldError] of Object.entries(error.fieldErrors)) {
    if (!known.has(field)) continue;
    setError(field as Path<T>, {
      type: 'server',
      message: encodeIssue({ code: fieldError.code, params: fieldError.params }),
    });
    applied = true;
  }
  return applied;
}
