import { z } from 'zod';
import { TimeZoneSchema } from '../auth/auth.contract.js';
import { defineOperation } from '../contract/operation.js';
import { PageQuerySchema, pageOf } from '../contract/pagination.js';
import { CurrencySchema, MoneySchema, RateSchema } from '../proposals/money.js';
import { EligibilityRuleSchema } from './eligibility.js';

export const DEFAULT_THEMES = [
  'climate_change',
  'food_security',
  'digital_connectivity',
  'sustainable_development',
  'disaster_resilience',
] as const;

export const CALL_STATUSES = ['DRAFT', 'PUBLISHED', 'OPEN', 'CLOSED', 'IN_REVIEW', 'DECIDED', 'ARCHIVED'] as const;
export const CallStatusSchema = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatusSchema>;

const KeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter');

export const CallSectionSchema = z.object({
  key: KeySchema,
  title: z.string().trim().min(1).max(200),
  guidance: z.string().max(2000).default(''),
  maxWords: z.number().int().min(1).max(20000).nullable().default(null),
});

export const ATTACHMENT_TYPES = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'] as const;
export const CallAttachmentSchema = z.object({
  key: KeySchema,
  title: z.string().trim().min(1).max(200),
  required: z.boolean().default(true),
  maxSizeMb: z.number().int().min(1).max(50).default(10),
  types: z.array(z.enum(ATTACHMENT_TYPES)).min(1).default(['pdf']),
});

export const RubricSchema = z
  .object({
    scale: z.object({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(100) }),
    criteria: z
      .array(
        z.object({
          key: KeySchema,
          title: z.string().trim().min(1).max(200),
          /** Percent; the weights of a rubric add up to 100. */
          weight: z.number().int().min(1).max(100),
          guidance: z.string().max(4000).default(''),
        }),
      )
      .min(1)
      .max(20),
  })
  .refine((r) => r.scale.max > r.scale.min, { path: ['scale', 'max'], message: 'must be above the minimum' })
  .refine((r) => r.criteria.reduce((sum, c) => sum + c.weight, 0) === 100, {
    path: ['criteria'],
    message: 'weights must add up to 100',
  });
export type Rubric = z.infer<typeof RubricSchema>;

function uniqueBy<T>(items: T[], key: (item: T) => string) {
  return new Set(items.map(key)).size === items.length;
}

/** Everything a programme manager sets on a call. Instants are ISO 8601 with an offset; stored in UTC. */
export const CallInputSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    summary: z.string().trim().min(1).max(500),
    description: z.string().max(50_000).default(''),
    themes: z.array(z.string().trim().min(1).max(80)).min(1).max(20),
    currency: CurrencySchema,
    timeZone: TimeZoneSchema,
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    maxDurationMonths: z.number().int().min(1).max(120),
    capPerProposal: MoneySchema.nullable(),
    capPerPartner: MoneySchema.nullable(),
    indirectRate: z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'a fraction between 0 and 1, e.g. 0.25'),
    sections: z.array(CallSectionSchema).max(30),
    attachments: z.array(CallAttachmentSchema).max(20),
    eligibilityRules: z.array(EligibilityRuleSchema).max(30),
    rubric: RubricSchema,
    reviewersPerProposal: z.number().int().min(1).max(10),
    agencies: z
      .array(z.object({ agencyId: z.uuid(), envelope: MoneySchema }))
      .min(1)
      .max(20),
    rates: z.array(z.object({ currency: CurrencySchema, rate: RateSchema })).max(20),
  })
  .refine((c) => Date.parse(c.closesAt) > Date.parse(c.opensAt), {
    path: ['closesAt'],
    message: 'must be after the opening',
  })
  .refine((c) => uniqueBy(c.sections, (s) => s.key), { path: ['sections'], message: 'section keys must be unique' })
  .refine((c) => uniqueBy(c.attachments, (s) => s.key), {
    path: ['attachments'],
    message: 'attachment keys must be unique',
  })
  .refine((c) => uniqueBy(c.agencies, (a) => a.agencyId), { path: ['agencies'], message: 'each agency once' })
  .refine((c) => uniqueBy(c.rates, (r) => r.currency), { path: ['rates'], message: 'each currency once' });
export type CallInput = z.infer<typeof CallInputSchema>;

export const CallAgencySchema = z.object({
  agencyId: z.uuid(),
  name: z.string(),
  acronym: z.string(),
  countryCode: z.string(),
  envelope: MoneySchema,
});

export const CallSchema = z.object({
  id: z.uuid(),
  programme: z.object({ id: z.uuid(), name: z.string() }),
  status: CallStatusSchema,
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  themes: z.array(z.string()),
  currency: z.string(),
  timeZone: z.string(),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  maxDurationMonths: z.number().int(),
  capPerProposal: MoneySchema.nullable(),
  capPerPartner: MoneySchema.nullable(),
  indirectRate: z.string(),
  sections: z.array(CallSectionSchema),
  attachments: z.array(CallAttachmentSchema),
  eligibilityRules: z.array(EligibilityRuleSchema),
  rubric: RubricSchema,
  reviewersPerProposal: z.number().int(),
  agencies: z.array(CallAgencySchema),
  rates: z.array(z.object({ currency: z.string(), rate: z.string() })),
  publishedAt: z.iso.datetime().nullable(),
  openedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
});
export type Call = z.infer<typeof CallSchema>;

export const CallSummarySchema = CallSchema.pick({
  id: true,
  programme: true,
  status: true,
  title: true,
  summary: true,
  themes: true,
  currency: true,
  timeZone: true,
  opensAt: true,
  closesAt: true,
}).extend({ agencies: z.array(CallAgencySchema.pick({ acronym: true, countryCode: true })) });

export const CallIdParamsSchema = z.object({ id: z.uuid() });
export const VersionBodySchema = z.object({ version: z.number().int().min(1) });

export const ProgrammeInputSchema = z.object({
  name: z.string().trim().min(3).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  description: z.string().max(5000).default(''),
});
export const ManagedProgrammeSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
});

export const AgencySchema = z.object({ id: z.uuid(), name: z.string(), acronym: z.string(), countryCode: z.string() });

export const callsContract = {
  listPublic: defineOperation({
    id: 'calls.listPublic',
    method: 'GET',
    path: '/calls',
    tag: 'calls',
    summary: 'Open and upcoming calls (published, not yet closed), soonest deadline first. No login needed.',
    auth: 'public',
    query: PageQuerySchema.extend({ theme: z.string().max(80).optional() }),
    response: pageOf(CallSummarySchema),
  }),
  get: defineOperation({
    id: 'calls.get',
    method: 'GET',
    path: '/calls/:id',
    tag: 'calls',
    summary: 'A call with its rules. Published calls are public; drafts only for the managers of the programme.',
    auth: 'public',
    params: CallIdParamsSchema,
    response: CallSchema,
  }),
  listManaged: defineOperation({
    id: 'calls.listManaged',
    method: 'GET',
    path: '/manage/calls',
    tag: 'calls',
    summary: 'Calls of the programmes you manage, any status.',
    auth: ['PROGRAMME_MANAGER'],
    query: PageQuerySchema.extend({ programmeId: z.uuid().optional(), status: CallStatusSchema.optional() }),
    response: pageOf(CallSummarySchema),
  }),
  create: defineOperation({
    id: 'calls.create',
    method: 'POST',
    path: '/manage/calls',
    tag: 'calls',
    summary: 'Create a draft call in a programme you manage.',
    auth: ['PROGRAMME_MANAGER'],
    body: CallInputSchema.safeExtend({ programmeId: z.uuid() }),
    response: CallSchema,
    status: 201,
  }),
  update: defineOperation({
    id: 'calls.update',
    method: 'PUT',
    path: '/manage/calls/:id',
    tag: 'calls',
    summary:
      'Change a draft or published (not yet open) call. Send the version you edited: a stale one gets 409 with the current call.',
    auth: ['PROGRAMME_MANAGER'],
    params: CallIdParamsSchema,
    body: CallInputSchema.safeExtend({ version: z.number().int().min(1) }),
    response: CallSchema,
  }),
  publish: defineOperation({
    id: 'calls.publish',
    method: 'POST',
    path: '/manage/calls/:id/publish',
    tag: 'calls',
    summary: 'Publish a draft: it becomes public and opens and closes by itself at its instants.',
    auth: ['PROGRAMME_MANAGER'],
    params: CallIdParamsSchema,
    body: VersionBodySchema,
    response: CallSchema,
  }),
  programmes: defineOperation({
    id: 'calls.programmes',
    method: 'GET',
    path: '/manage/programmes',
    tag: 'calls',
    summary: 'The programmes you manage.',
    auth: ['PROGRAMME_MANAGER'],
    response: z.array(ManagedProgrammeSchema),
  }),
  createProgramme: defineOperation({
    id: 'calls.createProgramme',
    method: 'POST',
    path: '/manage/programmes',
    tag: 'calls',
    summary:
      'Create a programme. Open to programme managers not bound to one programme; the creator becomes its manager.',
    auth: ['PROGRAMME_MANAGER'],
    body: ProgrammeInputSchema,
    response: ManagedProgrammeSchema,
    status: 201,
  }),
  agencies: defineOperation({
    id: 'calls.agencies',
    method: 'GET',
    path: '/reference/agencies',
    tag: 'reference',
    summary: 'Funding agencies of the ASEAN member states and Japan.',
    auth: 'public',
    response: z.array(AgencySchema),
  }),
} as const;
