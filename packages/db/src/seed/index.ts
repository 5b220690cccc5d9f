import type { PrismaClient, Role } from '../generated/prisma/client.js';
import { hashPassword, verifyPassword } from '../password.js';
import { AGENCIES, COUNTRIES, DEMO_PASSWORD, DEMO_USERS, INSTITUTIONS, PROGRAMME } from './data.js';

export { AGENCIES, COUNTRIES, DEMO_PASSWORD, DEMO_USERS, INSTITUTIONS, PROGRAMME } from './data.js';

export interface SeedAccount {
  role: Role;
  email: string;
  password: string;
}

export interface SeedResult {
  /** One demo account per line, to print or to log in with in end-to-end tests. */
  accounts: SeedAccount[];
}

/**
 * Loads reference data (countries, institutions, agencies), the demo programme and one demo account per role.
 * Idempotent: every row is upserted by its natural key, so running it again changes nothing and duplicates nothing.
 * Demo accounts get their known password back if it was changed (and keep their hash if it still matches).
 */
export async function seed(prisma: PrismaClient): Promise<SeedResult> {
  for (const c of COUNTRIES) {
    const data = { nameEn: c.nameEn, nameJa: c.nameJa, currency: c.currency, timeZones: c.timeZones, asean: c.asean };
    await prisma.country.upsert({ where: { code: c.code }, create: { code: c.code, ...data }, update: data });
  }

  const institutionIds = new Map<string, string>();
  for (const i of INSTITUTIONS) {
    const data = { shortName: i.shortName, type: i.type, website: i.website };
    const row = await prisma.institution.upsert({
      where: { name_countryCode: { name: i.name, countryCode: i.countryCode } },
      create: { name: i.name, countryCode: i.countryCode, ...data },
      update: data,
      select: { id: true },
    });
    institutionIds.set(`${i.countryCode}/${i.name}`, row.id);
  }

  const agencyIds = new Map<string, string>();
  for (const a of AGENCIES) {
    const data = { name: a.name, countryCode: a.countryCode };
    const row = await prisma.agency.upsert({
      where: { acronym: a.acronym },
      create: { acronym: a.acronym, ...data },
      update: data,
      select: { id: true },
    });
    agencyIds.set(a.acronym, row.id);
  }

  const programme = await prisma.programme.upsert({
    where: { slug: PROGRAMME.slug },
    create: { slug: PROGRAMME.slug, name: PROGRAMME.name, description: PROGRAMME.description },
    update: { name: PROGRAMME.name, description: PROGRAMME.description },
    select: { id: true },
  });
  for (const acronym of PROGRAMME.agencies) {
    const agencyId = agencyIds.get(acronym);
    if (!agencyId) throw new Error(`seed: programme agency ${acronym} is not in AGENCIES`);
    await prisma.programmeAgency.upsert({
      where: { programmeId_agencyId: { programmeId: programme.id, agencyId } },
      create: { programmeId: programme.id, agencyId },
      update: {},
    });
  }

  const accounts: SeedAccount[] = [];
  for (const u of DEMO_USERS) {
    const email = u.email.toLowerCase();
    let institutionId: string | null = null;
    if (u.institution) {
      institutionId = institutionIds.get(`${u.institution.countryCode}/${u.institution.name}`) ?? null;
      if (!institutionId) throw new Error(`seed: institution ${u.institution.name} of ${email} is not in INSTITUTIONS`);
    }
    const profile = { displayName: u.displayName, locale: u.locale, timeZone: u.timeZone, institutionId };

    const existing = await prisma.user.findUnique({
      where: { email },
      select: {
        id: true,
        passwordHash: true,
        emailVerifiedAt: true,
        displayName: true,
        locale: true,
        timeZone: true,
        institutionId: true,
      },
    });
    let userId: string;
    if (!existing) {
      const now = new Date();
      const created = await prisma.user.create({
        data: {
          email,
          ...profile,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          emailVerifiedAt: now,
          passwordChangedAt: now,
        },
        select: { id: true },
      });
      userId = created.id;
    } else {
      // Touch the row only if something differs, so a re-run leaves even updatedAt alone.
      const passwordOk = await verifyPassword(existing.passwordHash, DEMO_PASSWORD);
      const profileSame = (Object.keys(profile) as (keyof typeof profile)[]).every((k) => existing[k] === profile[k]);
      if (!profileSame || !passwordOk || !existing.emailVerifiedAt) {
        await prisma.user.update({
          where: { id: existing.id },
          data: {
            ...profile,
            ...(existing.emailVerifiedAt ? {} : { emailVerifiedAt: new Date() }),
            ...(passwordOk ? {} : { passwordHash: await hashPassword(DEMO_PASSWORD), passwordChangedAt: new Date() }),
          },
        });
      }
      userId = existing.id;
    }

    // UserRole's unique (userId, role, programmeId) does not dedupe rows whose programmeId is NULL in PostgreSQL
    // (NULLs are distinct), so look before creating instead of relying on an upsert.
    const programmeId = u.programmeScoped ? programme.id : null;
    const role = await prisma.userRole.findFirst({
      where: { userId, role: u.role, programmeId },
      select: { id: true },
    });
    if (!role) await prisma.userRole.create({ data: { userId, role: u.role, programmeId } });

    if (u.reviewerProfile) {
      // Created once: a reviewer's later edits are theirs.
      await prisma.reviewerProfile.upsert({
        where: { userId },
        create: { userId, ...u.reviewerProfile, publications: [...u.reviewerProfile.publications] },
        update: {},
      });
    }

    accounts.push({ role: u.role, email, password: DEMO_PASSWORD });
  }

  return { accounts };
}
