import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildOpenApiDocument } from '@kizuna/shared';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module.js';
import { SessionService } from './auth/session.service.js';
import { createLogger, NestPinoLogger } from './common/logger.js';
import { problemOf, sendProblem, toProblem } from './common/problem.filter.js';
import { type Config, loadConfig } from './config/config.js';
import { docsHtml, docsInitJs } from './docs/docs-page.js';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './jobs/queue-dashboard.js';
import { Queues } from './jobs/queues.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Operations that ignore any request body (relative to /api). */
const ANY_BODY = new Set(['/notifications/unsubscribe']);
/** Operations whose body is a file (relative to /api): raw bytes, checked by content in the handler. */
const FILE_BODIES: readonly { method: string; path: RegExp }[] = [
  { method: 'PUT', path: /^\/proposals\/[^/]+\/attachments\/[^/]+$/ },
  { method: 'POST', path: /^\/grant-milestones\/[^/]+\/files$/ },
];

/**
 * `Server-Timing: app;dur=<ms>` on every response: the time from the request's arrival to its headers, so clients
 * and benchmarks can tell the server's share of a request from the network's and their own.
 */
function serverTiming(_req: Request, res: Response, next: NextFunction) {
  const started = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent) {
      this.setHeader('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}`);
    }
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  next();
}

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  next();
}

/** JSON only: a body in any other type is refused with 415 before it reaches a handler. */
function jsonBodies(limit: string) {
  const parse = express.json({ limit, strict: true });
  const raw = express.raw({ type: () => true, limit: '50mb' });
  return (req: Request, res: Response, next: NextFunction) => {
    if (FILE_BODIES.some((f) => f.method === req.method && f.path.test(req.path))) {
      return raw(req, res, (err?: unknown) => (err ? sendProblem(res, toProblem(err, req).problem) : next()));
    }
    if (ANY_BODY.has(req.path)) {
      // RFC 8058 one-click unsubscribe posts a form body it does not need; read and drop it.
      req.resume();
      return next();
    }
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (BODY_METHODS.has(req.method) && hasBody && !req.is('application/json')) {
      sendProblem(res, problemOf('unsupported_media_type', { detail: 'Send JSON (Content-Type: application/json)' }));
      return;
    }
    parse(req, res, (err?: unknown) => {
      if (err) {
        sendProblem(res, toProblem(err, req).problem);
        return;
      }
      next();
    });
  };
}

/** Builds the HTTP application (used by main.ts and by the tests). */
export async function createApiApp(config: Config = loadConfig()): Promise<INestApplication> {
  const logger = createLogger(config.LOG_LEVEL, 'kizuna-api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    logger: new NestPinoLogger(logger),
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(serverTiming);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
    }),
  );
  app.use(securityHeaders);
  app.use(cookieParser());
  app.use('/api', jsonBodies('1mb'));
  app.setGlobalPrefix('api');

  const openapi = buildOpenApiDocument({ version: process.env.npm_package_version ?? '0.1.0' });
  app.use('/api/openapi.json', (_req: Request, res: Response) => res.json(openapi));
  const swaggerDir = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
  app.use('/api/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1d' }));
  app.use('/api/docs', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET') return next();
    if (req.path === '/') return void res.type('html').send(docsHtml);
    if (req.path === '/init.js') return void res.type('text/javascript').send(docsInitJs);
    next();
  });

  app.use(QUEUE_DASHBOARD_PATH, ...queueDashboard(app.get(Queues), app.get(SessionService, { strict: false })));

  if (config.WEB_DIST && existsSync(join(config.WEB_DIST, 'index.html'))) {
    const indexHtml = join(config.WEB_DIST, 'index.html');
    app.use(express.static(config.WEB_DIST, { index: false, maxAge: '1h' }));
    // The single-page app answers every other GET outside /api.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  }
  app.enableShutdownHooks();
  return app;
}
