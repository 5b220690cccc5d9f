import { contract } from '@kizuna/shared';
import { Controller, Inject, Module } from '@nestjs/common';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';

const c = contract.reference;

@Controller()
export class ReferenceController {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  @Endpoint(c.countries)
  countries() {
    return this.prisma.country.findMany({ orderBy: { nameEn: 'asc' } });
  }

  @Endpoint(c.institutions)
  institutions(@In() input: InputOf<typeof c.institutions>) {
    const { country, q } = input.query;
    return this.prisma.institution.findMany({
      where: {
        ...(country ? { countryCode: country } : {}),
        ...(q
          ? {
              OR: [{ name: { contains: q, mode: 'insensitive' } }, { shortName: { contains: q, mode: 'insensitive' } }],
            }
          : {}),
      },
      select: { id: true, name: true, shortName: true, countryCode: true, type: true },
      orderBy: [{ countryCode: 'asc' }, { name: 'asc' }],
      take: 50,
    });
  }

  @Endpoint(c.programmes)
  programmes() {
    return this.prisma.programme.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' } });
  }
}

@Module({ controllers: [ReferenceController] })
export class ReferenceModule {}
