import { randomBytes } from 'node:crypto';
import { createPrismaClient, hashPassword, type PrismaClient, type Role } from '@kizuna/db';
import { inject } from 'vitest';
import { ApiClient } from './client.js';

let prisma: PrismaClient | undefined;
export function db(): PrismaClient {
  prisma ??= createPrismaClient({ url: inject('databaseUrl'), max: 4 });
  return prisma;
}

export const PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | undefined;

export function uniqueEmail(label = 'user') {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

/** Creates a verified user with the given roles straight in the database. */
export async function makeUser(
  options: { roles?: (Role | { role: Role; programmeId: string })[]; verified?: boolean; locale?: string } = {},
) {
  hashed ??= hashPassword(PASSWORD);
  const email = uniqueEmail();
  const user = await db().user.create({
    data: {
      email,
      displayName: `Test ${email.slice(5, 10)}`,
      passwordHash: await hashed,
      locale: options.locale ?? 'en',
      emailVerifiedAt: options.verified === false ? null : new Date(),
      roles: {
        create: (options.roles ?? ['RESEARCHER']).map((r) =>
          typeof r === 'string' ? { role: r } : { role: r.role, programmeId: r.programmeId },
        ),
      },
    },
  });
  return { ...user, password: PASSWORD };
}

/** A signed-in client for a new user with these roles. */
export async function signedIn(roles: Role[] = ['RESEARCHER']) {
  const user = await makeUser({ roles });
  const client = new ApiClient();
  const res = await client.raw('POST', '/auth/login', { body: { email: user.email, password: user.password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return { user, client };
}

export async function makeProgramme() {
  const slug = `prog-${randomBytes(4).toString('hex')}`;
  return db().programme.create({ data: { slug, name: `Programme ${slug}`, description: 'Test programme' } });
}
