import { contract } from '@kizuna/shared';
import { Controller, Inject, Module } from '@nestjs/common';
import { Endpoint } from '../common/endpoint.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';

const c = contract.reference;

@Controller()
export class ReferenceController {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  @Endpoint(c.countries)
  countries() {
    return this.prisma.country.findMany({ orderBy: { nameEn: 'asc' } });
  }

  @Endpoint(c.programmes)
  programmes() {
    return this.prisma.programme.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' } });
  }
}

@Module({ controllers: [ReferenceController] })
export class ReferenceModule {}
