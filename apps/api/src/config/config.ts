import { z } from 'zod';
import { isSafeKey } from '../storage/storage.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting of the API and worker, validated once at boot. */
const ConfigFields = z.object({
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
  /** Where attachments are stored: `local` (a directory, STORAGE_DIR) or `s3` (an S3-compatible bucket, S3_*). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Directory of the local-disk file storage (attachments). */
  STORAGE_DIR: z.string().default('var/storage'),
  /** With STORAGE_DRIVER=s3, the endpoint, region, bucket and key pair are required (see S3_REQUIRED). */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  S3_REGION: z.string().optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3-63 of a-z, 0-9, dot and hyphen')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style URLs (endpoint/bucket/key), which MinIO, Ceph RGW and Garage usually need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Folder inside the bucket that every key goes under, e.g. `kizuna/production`. */
  S3_PREFIX: z
    .string()
    .transform((v) => v.replace(/\/+$/, ''))
    .refine(isSafeKey, 'must be slash-separated segments of letters, digits, `_`, `.` and `-`')
    .optional(),
  /** Server-side encryption asked of the bucket for every object written. */
  S3_SSE: z.enum(['AES256']).optional(),
  /** A folder with the Noto fonts of the agreement PDF, looked in before Debian's font folders. */
  PDF_FONT_DIR: z.string().optional(),
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

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** The settings, and those that depend on others: STORAGE_DRIVER=s3 needs S3_REQUIRED. */
export const ConfigSchema = ConfigFields.superRefine(
  (c, ctx) => {
    if (c.STORAGE_DRIVER !== 's3') return;
    for (const key of S3_REQUIRED) {
      if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'must be set when STORAGE_DRIVER=s3' });
    }
  },
  // Also when other variables are malformed, so that one start names every problem.
  { when: ({ value }) => typeof value === 'object' && value !== null },
);

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
