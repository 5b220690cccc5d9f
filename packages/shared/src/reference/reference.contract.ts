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
  /** PENDING: requested, usable only by its requester until an admin approves it. */
  status: z.enum(['APPROVED', 'PENDING', 'REJECTED']),
});

export const InstitutionRequestBodySchema = z.object({
  name: z.string().trim().min(3).max(200),
  shortName: z.string().trim().min(1).max(40).nullable(),
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  type: InstitutionSchema.shape.type,
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable(),
});

export const InstitutionRequestSchema = InstitutionSchema.extend({
  website: z.string().nullable(),
  requestedBy: z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }).nullable(),
  reviewNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
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
    summary: 'The institution directory, by country and name (at most 50 matches), with the ones you requested.',
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
  requestInstitution: defineOperation({
    id: 'reference.requestInstitution',
    method: 'POST',
    path: '/reference/institutions',
    tag: 'reference',
    summary:
      'Ask for a missing institution to be added. You can use it at once; others see it once an admin approves it.',
    auth: 'session',
    body: InstitutionRequestBodySchema,
    response: InstitutionSchema,
    status: 201,
  }),
  institutionRequests: defineOperation({
    id: 'reference.institutionRequests',
    method: 'GET',
    path: '/admin/institution-requests',
    tag: 'admin',
    summary: 'Institutions users asked to add, pending first.',
    auth: ['ADMIN'],
    response: z.array(InstitutionRequestSchema),
  }),
  reviewInstitutionRequest: defineOperation({
    id: 'reference.reviewInstitutionRequest',
    method: 'POST',
    path: '/admin/institution-requests/:id',
    tag: 'admin',
    summary: 'Approve (it joins the directory) or reject a requested institution, with a note (audited).',
    auth: ['ADMIN'],
    params: z.object({ id: z.uuid() }),
    body: z.object({ decision: z.enum(['APPROVE', 'REJECT']), note: z.string().trim().max(1000).nullable() }),
    response: InstitutionRequestSchema,
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
