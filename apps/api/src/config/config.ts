import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting of the API and worker, validated once at boot. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Copies of the API process sharing the port (Node cluster); one per core is typical in production. */
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** Origin the web app is served from; links in emails point here. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/kizuna'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key; the braces make it a Redis Cluster hash tag. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]+\}$/, 'must look like {name}')
    .default('{kizuna}'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('Kizuna <no-reply@kizuna.test>'),
  /** Built web app to serve at /; empty to serve only the API. */
  WEB_DIST: z.string().default(''),
  /** Directory of the local-disk file storage (attachments). */
  STORAGE_DIR: z.string().default('var/storage'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  COOKIE_SECURE: bool.optional(),
  /** Failed logins allowed per account (and ten times that per address) in a 15-minute window. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Signs one-click unsubscribe links. Must be set (32+ characters) in production. */
  APP_SECRET: z.string().min(32).default('development-only-secret-change-me-in-production'),
  /** If set, /api/metrics needs `Authorization: Bearer <token>`; if not, it answers loopback clients only. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** How often the outbox relay polls when no notification wakes it. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60000).default(1000),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a message naming every missing or malformed variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = ConfigSchema.refine(
    (c) => c.NODE_ENV !== 'production' || !c.APP_SECRET.startsWith('development-only'),
    { path: ['APP_SECRET'], message: 'must be set to a secret of 32+ characters in production' },
  ).safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const CONFIG = Symbol('CONFIG');

export function cookieSecure(config: Config): boolean {
  return config.COOKIE_SECURE ?? config.PUBLIC_URL.startsWith('https://');
}
