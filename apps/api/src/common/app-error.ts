import { ERROR_STATUS, type ErrorCode, type FieldError } from '@kizuna/shared';
import type { z } from 'zod';

/** A domain error: a stable code (mapped to an HTTP status in one table), a human detail, field errors. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.status = ERROR_STATUS[code];
  }

  static notFound(what = 'Resource') {
    return new AppError('not_found', `${what} not found`);
  }
  static forbidden(detail = 'You are not allowed to do this') {
    return new AppError('forbidden', detail);
  }
  /** A write based on an old version (409): names the current version, and anything else the client needs to merge. */
  static stale(what: string, current: number, extra: Record<string, unknown> = {}) {
    return new AppError('conflict', `The ${what} changed since you loaded it (now version ${current})`, [
      {
        path: 'body.version',
        code: 'stale_version',
        message: 'Reload and merge your changes',
        params: { current, ...extra },
      },
    ]);
  }
}

/** Turns zod issues into field errors whose path names where the value came from, e.g. "body.email". */
export function fieldErrors(where: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const { code, message, path, input: _input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown };
    const params = Object.fromEntries(
      Object.entries(rest).filter(
        ([, value]) => ['string', 'number', 'boolean'].includes(typeof value) || Array.isArray(value),
      ),
    );
    return {
      path: [where, ...path.map(String)].join('.'),
      code,
      message,
      ...(Object.keys(params).length ? { params } : {}),
    };
  });
}
