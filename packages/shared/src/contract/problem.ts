import { z } from 'zod';

/** One field-level error: `path` names the field (e.g. "body.email"), `code` is stable for i18n. */
export const FieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, as every 4xx/5xx answer of the API. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Stable machine-readable code (also the last segment of `type`). */
  code: z.string(),
  errors: z.array(FieldErrorSchema).optional(),
  /** Correlates with the server's logs; always present on 5xx. */
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_TYPE_BASE = 'https://kizuna.dev/problems/';

/** Domain error codes and their HTTP status: the one table the API's error filter uses. */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  email_not_verified: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  call_closed: 409,
  call_not_open: 409,
  token_invalid: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
