import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { SESSION_COOKIE } from '@kizuna/shared';
import type { NextFunction, Request, Response, Router } from 'express';
import type { SessionService } from '../auth/session.service.js';
import { problemOf, sendProblem } from '../common/problem.filter.js';
import type { Queues } from './queues.js';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * Bull Board, the queue dashboard, for admins only. It is an Express app of its own, so it
 * cannot sit behind the Nest guard: this middleware applies the same rule (a live session
 * of a user holding ADMIN) before any of its routes, assets included.
 */
export function queueDashboard(
  queues: Queues,
  sessions: SessionService,
): [(req: Request, res: Response, next: NextFunction) => void, Router] {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [...queues.byName.values()].map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Kizuna queues' } },
  });
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return sendProblem(res, problemOf('unauthenticated', { instance: req.originalUrl }));
    sessions
      .resolve(token)
      .then((resolved) => {
        if (!resolved) return sendProblem(res, problemOf('unauthenticated', { instance: req.originalUrl }));
        if (!resolved.user.roles.some((r) => r.role === 'ADMIN')) {
          return sendProblem(res, problemOf('forbidden', { instance: req.originalUrl }));
        }
        // Bull Board's page runs an inline bootstrap script.
        res.setHeader(
          'Content-Security-Policy',
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        );
        next();
      })
      .catch(next);
  };
  return [guard, adapter.getRouter() as Router];
}
