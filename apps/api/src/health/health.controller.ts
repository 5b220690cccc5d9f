import { contract } from '@kizuna/shared';
import { Controller, Inject, Module, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { Endpoint } from '../common/endpoint.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { REDIS } from '../infra/redis.module.js';

type Check = { status: 'ok' | 'unavailable'; error?: string };

async function check(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'unavailable', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Controller()
export class HealthController {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Endpoint(contract.health.live)
  live() {
    return { status: 'ok', checks: {} };
  }

  @Endpoint(contract.health.ready)
  async ready(@Res({ passthrough: true }) res: Response) {
    const [postgres, redis] = await Promise.all([
      check(() => this.prisma.$queryRawUnsafe('SELECT 1')),
      check(() => this.redis.ping()),
    ]);
    const ok = postgres.status === 'ok' && redis.status === 'ok';
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
