import { createHmac, timingSafeEqual } from 'node:crypto';
import { type NotificationCategory, NotificationCategorySchema } from '@kizuna/shared';

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
}

/** Stands for every optional category (digest emails). */
export const ALL_OPTIONAL = '*';
type TokenScope = NotificationCategory | typeof ALL_OPTIONAL;

/** A signed, non-expiring token naming a user and a category (or all optional ones), for one-click unsubscribe links. */
export function unsubscribeToken(secret: string, userId: string, category: TokenScope): string {
  const payload = `${userId}.${category}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function readUnsubscribeToken(secret: string, token: string): { userId: string; category: TokenScope } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [userId, category, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${userId}.${category}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (category === ALL_OPTIONAL) return { userId, category };
  const parsed = NotificationCategorySchema.safeParse(category);
  return parsed.success ? { userId, category: parsed.data } : null;
}
