import { contract } from '@kizuna/shared';
import { Controller, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '../common/app-error.js';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { LiveUpdates } from '../live/live-updates.service.js';
import { NotificationService } from './notification.service.js';
import { PreferencesService } from './preferences.service.js';

const c = contract.notifications;
const HEARTBEAT_MS = 25_000;

function actorId(ctx: RequestContext): string {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor.id;
}

@Controller()
export class NotificationsController {
  constructor(
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(PreferencesService) private readonly preferences: PreferencesService,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
  ) {}

  @Endpoint(c.list)
  list(@In() input: InputOf<typeof c.list>, @Ctx() ctx: RequestContext) {
    return this.notifications.list(actorId(ctx), input.query);
  }

  @Endpoint(c.unreadCount)
  async unreadCount(@Ctx() ctx: RequestContext) {
    return { unread: await this.notifications.unreadCount(actorId(ctx)) };
  }

  @Endpoint(c.markRead)
  markRead(@In() input: InputOf<typeof c.markRead>, @Ctx() ctx: RequestContext) {
    return this.notifications.markRead(actorId(ctx), input.params.id);
  }

  @Endpoint(c.markAllRead)
  markAllRead(@Ctx() ctx: RequestContext) {
    return this.notifications.markAllRead(actorId(ctx));
  }

  /** Server-Sent Events: the unread count at once and on every change, and job progress. */
  @Endpoint(c.stream)
  async stream(@Ctx() ctx: RequestContext, @Res() res: Response) {
    const userId = actorId(ctx);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write('retry: 3000\n\n');
    const unsubscribe = await this.live.subscribe(userId, send);
    send('unread', { unread: await this.notifications.unreadCount(userId) });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      void unsubscribe();
    });
  }

  @Endpoint(c.preferences)
  getPreferences(@Ctx() ctx: RequestContext) {
    return this.preferences.get(actorId(ctx));
  }

  @Endpoint(c.updatePreferences)
  updatePreferences(@In() input: InputOf<typeof c.updatePreferences>, @Ctx() ctx: RequestContext) {
    return this.preferences.update(ctx, input.body.preferences);
  }

  @Endpoint(c.unsubscribe)
  unsubscribe(@In() input: InputOf<typeof c.unsubscribe>, @Ctx() ctx: RequestContext) {
    return this.preferences.unsubscribe(input.query.token, ctx);
  }
}
