import { contract } from '@kizuna/shared';
import { Controller, Inject, Module } from '@nestjs/common';
import { Endpoint, In, type InputOf } from '../common/endpoint.js';
import { Ctx, type RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { InstitutionRequestsService } from './institution-requests.service.js';

const c = contract.reference;

@Controller()
export class ReferenceController {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(InstitutionRequestsService) private readonly requests: InstitutionRequestsService,
  ) {}

  @Endpoint(c.countries)
  countries() {
    return this.prisma.country.findMany({ orderBy: { nameEn: 'asc' } });
  }

  @Endpoint(c.institutions)
  institutions(@In() input: InputOf<typeof c.institutions>, @Ctx() ctx: RequestContext) {
    const { country, q } = input.query;
    return this.prisma.institution.findMany({
      where: {
        // The directory, and the caller's own requests still waiting for an admin.
        OR: [
          { status: 'APPROVED' },
          ...(ctx.actor ? [{ status: 'PENDING' as const, requestedById: ctx.actor.id }] : []),
        ],
        ...(country ? { countryCode: country } : {}),
        ...(q
          ? {
              AND: [
                {
                  OR: [
                    { name: { contains: q, mode: 'insensitive' as const } },
                    { shortName: { contains: q, mode: 'insensitive' as const } },
                  ],
                },
              ],
            }
          : {}),
      },
      select: { id: true, name: true, shortName: true, countryCode: true, type: true, status: true },
      orderBy: [{ countryCode: 'asc' }, { name: 'asc' }],
      take: 50,
    });
  }

  @Endpoint(c.requestInstitution)
  requestInstitution(@In() input: InputOf<typeof c.requestInstitution>, @Ctx() ctx: RequestContext) {
    return this.requests.request(ctx, input.body);
  }

  @Endpoint(c.institutionRequests)
  institutionRequests() {
    return this.requests.list();
  }

  @Endpoint(c.reviewInstitutionRequest)
  reviewInstitutionRequest(@In() input: InputOf<typeof c.reviewInstitutionRequest>, @Ctx() ctx: RequestContext) {
    return this.requests.review(ctx, input.params.id, input.body);
  }

  @Endpoint(c.programmes)
  programmes() {
    return this.prisma.programme.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' } });
  }
}

@Module({ controllers: [ReferenceController], providers: [InstitutionRequestsService] })
export class ReferenceModule {}
