import { type Operation, successStatus } from '@kizuna/shared';
import {
  applyDecorators,
  type CallHandler,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  type NestInterceptor,
  Patch,
  Post,
  Put,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import type { Request } from 'express';
import { map, type Observable } from 'rxjs';
import type { z } from 'zod';
import { AppError, fieldErrors } from './app-error.js';

export const OPERATION = 'kizuna:operation';

const METHOD = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

/** The operation a handler serves, as declared with @Endpoint. */
export function operationOf(handler: object): Operation | undefined {
  return Reflect.getMetadata(OPERATION, handler) as Operation | undefined;
}

/**
 * Binds a controller method to one operation of the shared contract: route, success status,
 * auth policy (read by the global AuthGuard) and response serialisation (the response schema
 * is an allow-list: fields it does not name never leave the server).
 */
export function Endpoint(op: Operation) {
  return applyDecorators(
    METHOD[op.method](op.path.replace(/^\//, '')),
    HttpCode(successStatus(op)),
    SetMetadata(OPERATION, op),
    UseInterceptors(ResponseSchemaInterceptor),
  );
}

@Injectable()
export class ResponseSchemaInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const op = operationOf(context.getHandler());
    return next.handle().pipe(
      map((value) => {
        if (!op?.response) return undefined;
        // A response that does not match its schema is a server bug: fail loudly (500) rather than leak.
        return op.response.parse(value);
      }),
    );
  }
}

function parsePart(where: 'body' | 'query' | 'params', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(where === 'body' && value === undefined ? {} : value);
  if (!result.success) {
    throw new AppError('validation_failed', `The request ${where} is invalid`, fieldErrors(where, result.error));
  }
  return result.data;
}

export interface Input<B = unknown, Q = unknown, P = unknown> {
  body: B;
  query: Q;
  params: P;
}

/** The request's body, query and path parameters, validated against the handler's operation. */
export const In = createParamDecorator((_: unknown, ctx: ExecutionContext): Input => {
  const op = operationOf(ctx.getHandler());
  if (!op) throw new Error('@In() used on a handler without @Endpoint()');
  const req = ctx.switchToHttp().getRequest<Request>();
  return {
    body: parsePart('body', op.body, req.body),
    query: parsePart('query', op.query, req.query),
    params: parsePart('params', op.params, req.params),
  };
});

type Out<T> = [NonNullable<T>] extends [never]
  ? undefined
  : NonNullable<T> extends z.ZodType
    ? z.infer<NonNullable<T>>
    : undefined;
/** Parsed input type of an operation, for `@In() input: InputOf<typeof contract.auth.login>`. */
export type InputOf<O extends Operation> = Input<Out<O['body']>, Out<O['query']>, Out<O['params']>>;
