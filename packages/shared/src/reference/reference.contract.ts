import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';

export const CountrySchema = z.object({
  code: z.string().length(2),
  nameEn: z.string(),
  nameJa: z.string(),
  currency: z.string().length(3),
  timeZones: z.array(z.string()),
  asean: z.boolean(),
});

export const InstitutionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  countryCode: z.string(),
  type: z.enum(['UNIVERSITY', 'RESEARCH_INSTITUTE', 'COMPANY', 'GOVERNMENT', 'NGO']),
});

export const ProgrammeSummarySchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const referenceContract = {
  countries: defineOperation({
    id: 'reference.countries',
    method: 'GET',
    path: '/reference/countries',
    tag: 'reference',
    summary: 'The ASEAN member states and Japan, with currency and time zones.',
    auth: 'public',
    response: z.array(CountrySchema),
  }),
  institutions: defineOperation({
    id: 'reference.institutions',
    method: 'GET',
    path: '/reference/institutions',
    tag: 'reference',
    summary: 'The institution directory, by country and name (at most 50 matches).',
    auth: 'public',
    query: z.object({
      country: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
      q: z.string().trim().max(100).optional(),
    }),
    response: z.array(InstitutionSchema),
  }),
  programmes: defineOperation({
    id: 'reference.programmes',
    method: 'GET',
    path: '/reference/programmes',
    tag: 'reference',
    summary: 'Programmes, for choosing the scope of a role.',
    auth: 'session',
    response: z.array(ProgrammeSummarySchema),
  }),
} as const;
