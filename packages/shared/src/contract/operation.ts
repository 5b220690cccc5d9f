import { z } from 'zod';

export const ROLES = ['RESEARCHER', 'REVIEWER', 'PROGRAMME_MANAGER', 'ADMIN'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Who may call an operation. Deny by default: every operation states one, and the
 * API's guard refuses any route that has none.
 * - 'public': anyone, signed in or not
 * - 'session': any signed-in user
 * - Role[]: a signed-in user holding at least one of these roles (in any scope;
 *   record-level checks happen in the service)
 */
export type AuthPolicy = 'public' | 'session' | readonly Role[];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** Unique id, also the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Path below /api, with `:param` placeholders. */
  path: string;
  summary: string;
  tag: string;
  auth: AuthPolicy;
  body?: B;
  query?: Q;
  params?: P;
  /** Response body schema; undefined for 204/202 without body. */
  response?: R;
  /** Success status; 200 by default (204 when there is no response body). */
  status?: 200 | 201 | 202 | 204;
}

/** Declares an operation of the API contract; identity at runtime, precise types at compile time. */
export function defineOperation<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(op: Operation<B, Q, P, R>): Operation<B, Q, P, R> {
  return op;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
type Input<T> = T extends z.ZodType ? z.input<T> : undefined;
export type BodyOf<O> = O extends Operation<infer B, infer _Q, infer _P, infer _R> ? Infer<B> : never;
export type BodyInputOf<O> = O extends Operation<infer B, infer _Q, infer _P, infer _R> ? Input<B> : never;
export type QueryOf<O> = O extends Operation<infer _B, infer Q, infer _P, infer _R> ? Input<Q> : never;
export type ParamsOf<O> = O extends Operation<infer _B, infer _Q, infer P, infer _R> ? Input<P> : never;
export type ResponseOf<O> = O extends Operation<infer _B, infer _Q, infer _P, infer R> ? Infer<R> : never;

export function successStatus(op: Operation): number {
  return op.status ?? (op.response ? 200 : 204);
}

/** Fills `:param` placeholders; values are URI-encoded. */
export function buildPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
