import { ERROR_STATUS, type ErrorCode, PROBLEM_TYPE_BASE, type Problem } from '@kizuna/shared';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './app-error.js';
import { LOGGER } from './logger.js';

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Your request has invalid fields',
  malformed_request: 'The request could not be read',
  unauthenticated: 'You need to sign in',
  invalid_credentials: 'Email or password is wrong',
  email_not_verified: 'Your email address is not verified yet',
  forbidden: 'You are not allowed to do this',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  call_closed: 'The call is not open for submissions',
  call_not_open: 'The call is not open yet',
  token_invalid: 'This link is invalid, used or expired',
  payload_too_large: 'The request is too large',
  unsupported_media_type: 'Unsupported content type',
  rate_limited: 'Too many attempts; try again later',
  internal: 'Something went wrong on our side',
  unavailable: 'The service is temporarily unavailable',
};

const STATUS_CODES = new Map<number, ErrorCode>(
  (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).reverse().map(([code, status]) => [status, code]),
);

export function problemOf(code: ErrorCode, extra: Partial<Problem> = {}): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title: TITLES[code], status: ERROR_STATUS[code], code, ...extra };
}

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Classifies anything thrown into a problem; unknown errors become 500 with the request id. */
export function toProblem(
  error: unknown,
  req: Request & { id?: unknown },
): { problem: Problem; headers?: Record<string, string> } {
  const requestId = req.id ? String(req.id) : undefined;
  const instance = req.originalUrl?.split('?')[0];
  if (error instanceof AppError) {
    return {
      problem: problemOf(error.code, {
        detail: error.detail,
        instance,
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.status >= 500 ? { requestId } : {}),
      }),
      headers: error.headers,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODES.get(status) ?? (status >= 500 ? 'internal' : 'malformed_request');
    return {
      problem: problemOf(code, { instance, detail: status === 404 ? `No route ${req.method} ${instance}` : undefined }),
    };
  }
  // body-parser and other http-errors carry a status and a type.
  const httpish = error as { status?: number; type?: string; expose?: boolean };
  if (typeof httpish?.status === 'number' && httpish.status >= 400 && httpish.status < 500) {
    const code: ErrorCode =
      httpish.type === 'entity.too.large'
        ? 'payload_too_large'
        : httpish.type === 'encoding.unsupported' || httpish.status === 415
          ? 'unsupported_media_type'
          : 'malformed_request';
    return { problem: problemOf(code, { instance, detail: httpish.expose ? (error as Error).message : undefined }) };
  }
  return { problem: problemOf('internal', { instance, requestId }) };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    const { problem, headers } = toProblem(error, req);
    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId: problem.requestId }, 'request failed');
    }
    if (res.headersSent) return;
    sendProblem(res, problem, headers);
  }
}
