import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createPrismaClient, verifyPassword } from '../index.js';
import { migrate } from '../migrate/index.js';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';
import { type SeedResult, seed } from './index.js';

async function counts(prisma: PrismaClient) {
  return {
    countries: await prisma.country.count(),
    institutions: await prisma.institution.count(),
    agencies: await prisma.agency.count(),
    programmes: await prisma.programme.count(),
    programmeAgencies: await prisma.programmeAgency.count(),
    users: await prisma.user.count(),
    userRoles: await prisma.userRole.count(),
  };
}

describe('seed', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let first: SeedResult;
  let firstCounts: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate({ url: db.url });
    prisma = createPrismaClient({ url: db.url, max: 2 });
    first = await seed(prisma);
    firstCounts = await counts(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('is idempotent: a second run leaves the same rows', async () => {
    const usersBefore = await prisma.user.findMany({ orderBy: { email: 'asc' } });
    const rolesBefore = await prisma.userRole.findMany({ orderBy: { id: 'asc' } });
    const institutionsBefore = await prisma.institution.findMany({ orderBy: { id: 'asc' } });
    const programmesBefore = await prisma.programme.findMany({ include: { agencies: true } });

    const second = await seed(prisma);

    expect(second).toEqual(first);
    expect(await counts(prisma)).toEqual(firstCounts);
    expect(await prisma.user.findMany({ orderBy: { email: 'asc' } })).toEqual(usersBefore);
    expect(await prisma.userRole.findMany({ orderBy: { id: 'asc' } })).toEqual(rolesBefore);
    expect(await prisma.institution.findMany({ orderBy: { id: 'asc' } })).toEqual(institutionsBefore);
    expect(await prisma.programme.findMany({ include: { agencies: true } })).toEqual(programmesBefore);
  });

  it('loads the 12 countries, at least 3 institutions each, and the programme with its agencies', async () => {
    expect(firstCounts.countries).toBe(12);
    const countries = await prisma.country.findMany({ include: { _count: { select: { institutions: true } } } });
    expect(countries.filter((c) => c.asean)).toHaveLength(11);
    for (const c of countries) expect(c._count.institutions, c.code).toBeGreaterThanOrEqual(3);
    expect(await prisma.country.findUnique({ where: { code: 'TL' } })).toMatchObject({
      nameEn: 'Timor-Leste',
      nameJa: '東ティモール',
      currency: 'USD',
      timeZones: ['Asia/Dili'],
      asean: true,
    });
    expect(await prisma.country.findUnique({ where: { code: 'JP' } })).toMatchObject({ currency: 'JPY', asean: false });

    const programme = await prisma.programme.findUniqueOrThrow({
      where: { slug: 'asean-japan-climate' },
      include: { agencies: { include: { agency: true } } },
    });
    expect(programme.name).toBe('ASEAN–Japan Joint Research Programme on Climate Resilience');
    expect(programme.agencies.map((pa) => pa.agency.acronym).sort()).toEqual(
      ['BRIN', 'DOST', 'JST', 'MOHE', 'NAFOSTED', 'NRCT', 'NRF'].sort(),
    );
  });

  it('creates one verified demo account per role, whose password verifies', async () => {
    expect(first.accounts.map((a) => a.role).sort()).toEqual(
      ['ADMIN', 'PROGRAMME_MANAGER', 'RESEARCHER', 'RESEARCHER', 'RESEARCHER', 'REVIEWER'].sort(),
    );
    for (const account of first.accounts) {
      expect(account.password).toBe('Kizuna-demo-2026');
      const user = await prisma.user.findUniqueOrThrow({ where: { email: account.email }, include: { roles: true } });
      expect(user.emailVerifiedAt, account.email).toBeInstanceOf(Date);
      expect(await verifyPassword(user.passwordHash, account.password), account.email).toBe(true);
      expect(await verifyPassword(user.passwordHash, 'wrong-password')).toBe(false);
      expect(user.roles.map((r) => r.role)).toEqual([account.role]);
    }

    const researcher = await prisma.user.findUniqueOrThrow({
      where: { email: 'researcher@kizuna.test' },
      include: { institution: true },
    });
    expect(researcher.institution?.name).toBe('Universiti Malaya');

    const manager = await prisma.user.findUniqueOrThrow({
      where: { email: 'manager@kizuna.test' },
      include: { roles: { include: { programme: true } } },
    });
    expect(manager.roles).toHaveLength(1);
    expect(manager.roles[0]?.role).toBe('PROGRAMME_MANAGER');
    expect(manager.roles[0]?.programme?.slug).toBe('asean-japan-climate');

    const admin = await prisma.user.findUniqueOrThrow({
      where: { email: 'admin@kizuna.test' },
      include: { roles: true },
    });
    expect(admin.roles[0]?.programmeId).toBeNull();

    const countries = await prisma.user.findMany({
      where: { email: { in: ['researcher.jp@kizuna.test', 'researcher.th@kizuna.test'] } },
      select: { institution: { select: { countryCode: true } } },
    });
    expect(countries.map((u) => u.institution?.countryCode).sort()).toEqual(['JP', 'TH']);
  });

  it('gives a demo account its known password back if it was changed', async () => {
    const email = 'reviewer@kizuna.test';
    await prisma.user.update({ where: { email }, data: { passwordHash: 'not-a-hash' } });
    await seed(prisma);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await verifyPassword(user.passwordHash, 'Kizuna-demo-2026')).toBe(true);
    expect(await counts(prisma)).toEqual(firstCounts);
  });
});
