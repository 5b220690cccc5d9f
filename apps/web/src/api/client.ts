import {
  type BodyInputOf,
  buildPath,
  type FieldError,
  type Operation,
  type ParamsOf,
  type Problem,
  ProblemSchema,
  type QueryOf,
  type ResponseOf,
} from '@kizuna/shared';

/** Every operation path of the contract lives below this prefix, on the same origin as the app. */
export const API_BASE = '/api';

/** A failed API call: the RFC 9457 problem the server answered (or one made up for network failures). */
export class ApiError extends Error {
  readonly problem: Problem;
  /** Seconds from a Retry-After header (429, 503), when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** Field-level errors keyed by field name: `body.email` becomes `email`; other paths keep their full name. */
  get fieldErrors(): Record<string, FieldError> {
    const out: Record<string, FieldError> = {};
    for (const error of this.problem.errors ?? []) {
      const field = error.path.startsWith('body.') ? error.path.slice('body.'.length) : error.path;
      out[field] ??= error;
    }
    return out;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Defined<T> = [T] extends [undefined] ? false : true;

/** What a call needs besides the operation: a body, query and path parameters exactly where the operation has them. */
export type CallArgs<O extends Operation> = (Defined<BodyInputOf<O>> extends true
  ? { body: BodyInputOf<O> }
  : { body?: undefined }) &
  (Defined<QueryOf<O>> extends true ? { query?: QueryOf<O> } : { query?: undefined }) &
  (Defined<ParamsOf<O>> extends true ? { params: ParamsOf<O> } : { params?: undefined }) & { signal?: AbortSignal };

type ArgsTuple<O extends Operation> =
  Defined<BodyInputOf<O>> extends true
    ? [args: CallArgs<O>]
    : Defined<ParamsOf<O>> extends true
      ? [args: CallArgs<O>]
      : [args?: CallArgs<O>];

const STATUS_CODES: Record<number, string> = {
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'token_invalid',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

function fallbackProblem(status: number, title: string): Problem {
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'unknown');
  return { type: 'about:blank', title: title || `HTTP ${status}`, status, code };
}

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const parsed = ProblemSchema.safeParse(await response.json());
      if (parsed.success) return new ApiError(parsed.data, retryAfter);
    } catch {
      // Not JSON after all: fall through to a problem made from the status.
    }
  }
  return new ApiError(fallbackProblem(response.status, response.statusText), retryAfter);
}

/** The URL of an operation with its path parameters and query (for links: downloads, exports). */
export function operationUrl(
  op: Operation,
  params?: Record<string, string | number>,
  query?: Record<string, unknown>,
): string {
  return `${API_BASE}${buildPath(op.path, params)}${queryString(query)}`;
}

/**
 * Calls one operation of the API contract. Types come from the operation; nothing is validated at runtime
 * on the way out (the server does that) and success bodies are trusted. Every failure is an ApiError.
 */
export async function apiCall<O extends Operation>(op: O, ...[args]: ArgsTuple<O>): Promise<ResponseOf<O>> {
  const params = args?.params as Record<string, string | number> | undefined;
  const url = `${API_BASE}${buildPath(op.path, params)}${queryString(args?.query)}`;
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const init: RequestInit = { method: op.method, credentials: 'same-origin', headers, signal: args?.signal };
  if (args?.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(args.body);
  }

  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204 || !op.response) return undefined as ResponseOf<O>;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as ResponseOf<O>;
}

/**
 * Uploads a file as the raw request body of an upload operation (not JSON): the file name travels URI-encoded in
 * X-File-Name, the content type as the browser knows it (the server checks the content itself). Errors are the same
 * ApiErrors as apiCall's; the success body is the operation's response.
 */
export async function uploadFile<O extends Operation>(
  op: O,
  args: { params: ParamsOf<O>; file: Blob & { name?: string }; signal?: AbortSignal },
): Promise<ResponseOf<O>> {
  const url = operationUrl(op, args.params as Record<string, string | number>);
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Content-Type': args.file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(args.file.name ?? 'file'),
  };
  let response: Response;
  try {
    response = await fetch(url, {
      method: op.method,
      credentials: 'same-origin',
      headers,
      body: args.file,
      signal: args.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  if (!response.ok) throw await toApiError(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as ResponseOf<O>;
}
