import {
  type BudgetLine,
  computeBudget,
  type EligibilityReport,
  type EligibilityRule,
  EMPTY_WORK_PLAN,
  evaluateEligibility,
  type MemberRole,
  type Proposal,
  type SubmissionSnapshot,
  type WorkPlan,
  workPlanErrors,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { hashToken } from '../auth/tokens.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { DIRECT_DB, type DirectDb } from '../infra/direct-db.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { LiveUpdates } from '../live/live-updates.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { usableInstitution } from '../reference/institutions.js';
import { toAttachment } from './attachments.service.js';
import { accessTo, assertLead, assertMember, type ProposalAccess } from './proposal-access.js';

const INVITATION_DAYS = 14;

export const proposalInclude = {
  call: {
    include: {
      agencies: { include: { agency: { select: { countryCode: true, acronym: true } } } },
      rates: true,
    },
  },
  partners: {
    include: {
      institution: { include: { country: { select: { currency: true } } } },
      agency: { select: { id: true, acronym: true } },
      members: { include: { user: { select: { displayName: true, email: true } } } },
    },
    orderBy: [{ role: 'asc' as const }, { createdAt: 'asc' as const }],
  },
  members: { select: { userId: true, role: true } },
  sections: true,
  budgetLines: true,
  submissions: { select: { number: true, submittedAt: true }, orderBy: { number: 'asc' as const } },
  attachments: { orderBy: { key: 'asc' as const } },
} satisfies Parameters<Prisma['proposal']['findUnique']>[0]['include'];

type Row = NonNullable<Awaited<ReturnType<Prisma['proposal']['findUnique']>>> & {
  call: {
    id: string;
    title: string;
    programmeId: string;
    currency: string;
    timeZone: string;
    opensAt: Date;
    closesAt: Date;
    status: string;
    sections: unknown;
    attachments: unknown;
    eligibilityRules: unknown;
    maxDurationMonths: number;
    capPerProposal: { toFixed(n: number): string } | null;
    capPerPartner: { toFixed(n: number): string } | null;
    indirectRate: { toString(): string };
    agencies: { agencyId: string; agency: { countryCode: string; acronym: string } }[];
    rates: { currency: string; rate: { toString(): string } }[];
  };
  partners: {
    id: string;
    role: 'LEAD' | 'PARTNER';
    agencyId: string | null;
    institution: { id: string; name: string; countryCode: string; country: { currency: string } };
    agency: { id: string; acronym: string } | null;
    members: { userId: string; role: MemberRole; user: { displayName: string; email: string } }[];
  }[];
  members: { userId: string; role: MemberRole }[];
  sections: { key: string; content: string; version: number; updatedAt: Date }[];
  budgetLines: { partnerId: string; year: number; category: string; amount: { toFixed(n: number): string } }[];
  submissions: { number: number; submittedAt: Date }[];
  attachments: { key: string; fileName: string; contentType: string; size: number; sha256: string; createdAt: Date }[];
};

const EDITABLE = new Set(['DRAFT', 'SUBMITTED', 'WITHDRAWN']);

function callSections(row: Row) {
  return row.call.sections as { key: string; title: string; maxWords: number | null }[];
}

export function toProposal(row: Row, access: ProposalAccess): Proposal {
  const saved = new Map(row.sections.map((s) => [s.key, s]));
  return {
    id: row.id,
    title: row.title,
    acronym: row.acronym,
    abstract: row.abstract,
    keywords: row.keywords,
    theme: row.theme,
    durationMonths: row.durationMonths,
    status: row.status,
    version: row.version,
    budgetVersion: row.budgetVersion,
    workPlan: (row.workPlan ?? EMPTY_WORK_PLAN) as WorkPlan,
    workPlanVersion: row.workPlanVersion,
    call: {
      id: row.call.id,
      title: row.call.title,
      programmeId: row.call.programmeId,
      currency: row.call.currency,
      timeZone: row.call.timeZone,
      opensAt: row.call.opensAt.toISOString(),
      closesAt: row.call.closesAt.toISOString(),
    },
    partners: row.partners.map((p) => ({
      id: p.id,
      role: p.role,
      institution: { id: p.institution.id, name: p.institution.name, countryCode: p.institution.countryCode },
      currency: p.institution.country.currency,
      agency: p.agency,
      members: p.members.map((m) => ({
        userId: m.userId,
        displayName: m.user.displayName,
        email: m.user.email,
        role: m.role,
      })),
    })),
    sections: callSections(row).map((s) => {
      const section = saved.get(s.key);
      return {
        key: s.key,
        content: section?.content ?? '',
        version: section?.version ?? 0,
        updatedAt: section?.updatedAt.toISOString() ?? null,
      };
    }),
    attachments: row.attachments.map(toAttachment),
    myRole: access.role,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submissions: row.submissions.map((s) => ({ number: s.number, submittedAt: s.submittedAt.toISOString() })),
  };
}

function budgetLines(row: Row): BudgetLine[] {
  return row.budgetLines.map((l) => ({
    partnerId: l.partnerId,
    year: l.year,
    category: l.category as BudgetLine['category'],
    amount: l.amount.toFixed(2),
  }));
}

export function budgetOf(row: Row, lines: BudgetLine[] = budgetLines(row)) {
  return computeBudget({
    lines,
    partners: row.partners.map((p) => ({
      id: p.id,
      currency: p.institution.country.currency,
      agencyId: p.agencyId,
      countryCode: p.institution.countryCode,
    })),
    callCurrency: row.call.currency,
    rates: Object.fromEntries(row.call.rates.map((r) => [r.currency, r.rate.toString()])),
    indirectRate: row.call.indirectRate.toString(),
  });
}

export function eligibilityOf(row: Row): EligibilityReport {
  const lead = row.partners.find((p) => p.role === 'LEAD');
  return evaluateEligibility(row.call.eligibilityRules as EligibilityRule[], {
    lead: { countryCode: lead?.institution.countryCode ?? '' },
    partners: row.partners.map((p) => ({ id: p.id, countryCode: p.institution.countryCode, agencyId: p.agencyId })),
    call: {
      agencies: row.call.agencies.map((a) => ({ id: a.agencyId, countryCode: a.agency.countryCode })),
      capPerProposal: row.call.capPerProposal?.toFixed(2) ?? null,
      capPerPartner: row.call.capPerPartner?.toFixed(2) ?? null,
      maxDurationMonths: row.call.maxDurationMonths,
      requiredSections: callSections(row).map((s) => ({ key: s.key, maxWords: s.maxWords })),
      requiredAttachments: (row.call.attachments as { key: string; required: boolean }[])
        .filter((a) => a.required)
        .map((a) => ({ key: a.key })),
    },
    budget: budgetOf(row),
    durationMonths: row.durationMonths,
    sections: Object.fromEntries(row.sections.map((s) => [s.key, s.content])),
    attachments: row.attachments.map((a) => a.key),
  });
}

/**
 * Keeps the proposal's partner facets (countries, lead first; agencies) in step with its
 * partners, in the same transaction: the managers' filters and counts read them.
 */
export async function refreshPartnerFacets(tx: Tx, proposalId: string) {
  await tx.$executeRaw`
    UPDATE "Proposal" p SET
      "partnerCountries" = coalesce((
        SELECT array_agg(i."countryCode" ORDER BY pp.role, pp."createdAt")
        FROM "ProposalPartner" pp JOIN "Institution" i ON i.id = pp."institutionId" WHERE pp."proposalId" = p.id), '{}'),
      "partnerAgencies" = coalesce((
        SELECT array_agg(DISTINCT pp."agencyId"::text) FROM "ProposalPartner" pp
        WHERE pp."proposalId" = p.id AND pp."agencyId" IS NOT NULL), '{}')
    WHERE p.id = ${proposalId}::uuid`;
}

/** Open for submissions by server time: at or after the opening instant and strictly before the closing one. */
export function isOpenAt(call: { opensAt: Date; closesAt: Date; status: string }, now: Date): boolean {
  return ['PUBLISHED', 'OPEN'].includes(call.status) && call.opensAt <= now && now < call.closesAt;
}

/*
 * The autosave of a section (see updateSection). Its one statement checks, in the same snapshot as the write, what
 * SECTION_CONTEXT lets the code explain when it refuses: the author is a member, the proposal is editable, the call
 * has not closed by server time ($6), and the call asks for the section. It returns the other members, who are told.
 */
const SECTION_TARGET = `
  WITH target AS (
    SELECT p.id, array(SELECT m."userId"::text FROM "ProposalMember" m
                       WHERE m."proposalId" = p.id AND m."userId" <> $4::uuid) AS others
    FROM "Proposal" p JOIN "Call" c ON c.id = p."callId"
    WHERE p.id = $1::uuid AND p.status::text = ANY($7::text[]) AND c."closesAt" > $6
      AND c.sections @> jsonb_build_array(jsonb_build_object('key', $2::text))
      AND EXISTS (SELECT 1 FROM "ProposalMember" m WHERE m."proposalId" = p.id AND m."userId" = $4::uuid))`;
const SECTION_INSERT = `${SECTION_TARGET},
  saved AS (
    INSERT INTO "ProposalSection" ("proposalId", key, content, version, "updatedById", "updatedAt")
    SELECT id, $2, $3, $5::int + 1, $4::uuid, now() FROM target
    ON CONFLICT ("proposalId", key) DO NOTHING
    RETURNING key, content, version, "updatedAt")
  SELECT saved.*, target.others FROM saved, target`;
const SECTION_UPDATE = `${SECTION_TARGET},
  saved AS (
    UPDATE "ProposalSection" s
    SET content = $3, version = s.version + 1, "updatedById" = $4::uuid, "updatedAt" = now()
    FROM target WHERE s."proposalId" = target.id AND s.key = $2 AND s.version = $5
    RETURNING s.key, s.content, s.version, s."updatedAt")
  SELECT saved.*, target.others FROM saved, target`;
/* What a refused autosave is told: read only then. */
const SECTION_CONTEXT = `
  SELECT p.status,
         (SELECT coalesce(json_agg(json_build_object('userId', m."userId", 'role', m.role)), '[]')
            FROM "ProposalMember" m WHERE m."proposalId" = p.id) AS members,
         json_build_object('programmeId', c."programmeId", 'closesAtMs', (extract(epoch FROM c."closesAt") * 1000)::bigint,
                           'sections', c.sections) AS call
  FROM "Proposal" p JOIN "Call" c ON c.id = p."callId" WHERE p.id = $1::uuid`;
const EDITABLE_STATUSES = [...EDITABLE];

@Injectable()
export class ProposalsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(DIRECT_DB) private readonly db: DirectDb,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
  ) {}

  private async load(db: Tx | Prisma, id: string, lock = false): Promise<Row> {
    if (lock) await (db as Tx).$queryRaw`SELECT id FROM "Proposal" WHERE id = ${id}::uuid FOR UPDATE`;
    const row = await db.proposal.findUnique({ where: { id }, include: proposalInclude });
    if (!row) throw AppError.notFound('Proposal');
    return row as unknown as Row;
  }

  private assertEditable(row: Row, now = new Date()) {
    if (!EDITABLE.has(row.status))
      throw new AppError('conflict', `A proposal that is ${row.status.toLowerCase()} can no longer be changed`);
    if (now >= row.call.closesAt)
      throw new AppError('call_closed', 'The call has closed: the proposal can no longer be changed');
  }

  private async agencyFor(tx: Tx, callId: string, countryCode: string): Promise<string | null> {
    const agency = await tx.callAgency.findFirst({
      where: { callId, agency: { countryCode } },
      orderBy: { agency: { acronym: 'asc' } },
      select: { agencyId: true },
    });
    return agency?.agencyId ?? null;
  }

  async create(
    ctx: RequestContext,
    body: { callId: string; title: string; acronym: string; theme: string; institutionId: string },
  ) {
    const actor = ctx.actor!;
    const id = await this.prisma.$transaction(async (tx) => {
      const call = await tx.call.findUnique({ where: { id: body.callId } });
      if (!call || call.status === 'DRAFT') throw AppError.notFound('Call');
      const now = new Date();
      if (!isOpenAt(call, now)) {
        throw now < call.opensAt
          ? new AppError('call_not_open', 'The call is not open yet: proposals can be started once it opens')
          : new AppError('call_closed', 'Proposals can be started only while the call is open');
      }
      const institution = await usableInstitution(tx, body.institutionId, ctx.actor!.id, 'body.institutionId');
      const proposal = await tx.proposal.create({
        data: {
          callId: call.id,
          title: body.title,
          acronym: body.acronym,
          theme: body.theme,
          keywords: [],
          createdById: actor.id,
        },
      });
      const partner = await tx.proposalPartner.create({
        data: {
          proposalId: proposal.id,
          institutionId: institution.id,
          role: 'LEAD',
          agencyId: await this.agencyFor(tx, call.id, institution.countryCode),
        },
      });
      await tx.proposalMember.create({
        data: { proposalId: proposal.id, userId: actor.id, partnerId: partner.id, role: 'LEAD_PI' },
      });
      await refreshPartnerFacets(tx, proposal.id);
      await this.audit.record(tx, ctx, {
        action: 'proposal.created',
        entityType: 'Proposal',
        entityId: proposal.id,
        data: { callId: call.id, acronym: body.acronym },
      });
      return proposal.id;
    });
    return this.get(ctx, id);
  }

  async get(ctx: RequestContext, id: string): Promise<Proposal> {
    const row = await this.load(this.prisma, id);
    return toProposal(row, accessTo(ctx.actor, row));
  }

  async listMine(ctx: RequestContext) {
    const rows = await this.prisma.proposal.findMany({
      where: { members: { some: { userId: ctx.actor!.id } } },
      include: {
        call: { select: { id: true, title: true, closesAt: true, timeZone: true } },
        members: { where: { userId: ctx.actor!.id } },
      },
      orderBy: { updatedAt: 'desc' },
      take: 200,
    });
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      acronym: r.acronym,
      status: r.status,
      call: { id: r.call.id, title: r.call.title, closesAt: r.call.closesAt.toISOString(), timeZone: r.call.timeZone },
      myRole: r.members[0]?.role ?? null,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  async update(ctx: RequestContext, id: string, body: Record<string, unknown> & { version: number }) {
    const { version, ...changes } = body;
    await this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id);
      assertMember(accessTo(ctx.actor, row));
      this.assertEditable(row);
      const updated = await tx.proposal.updateMany({
        where: { id, version },
        data: { ...changes, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw AppError.stale('proposal', row.version);
      await this.audit.record(tx, ctx, {
        action: 'proposal.updated',
        entityType: 'Proposal',
        entityId: id,
        data: { fields: Object.keys(changes) },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * The autosave of a section, the hottest write of the app: one statement on the direct pool (not Prisma) that checks
   * and writes together. Only a refused save reads more, to say why.
   */
  async updateSection(ctx: RequestContext, id: string, key: string, content: string, version: number) {
    const actorId = ctx.actor!.id;
    const now = new Date();
    // The first save inserts version 1 (of two first saves, one wins); a later save updates only if the stored
    // version is still the one the user edited.
    const values = [id, key, content, actorId, version, now, EDITABLE_STATUSES];
    const {
      rows: [saved],
    } = await this.db.query<{ key: string; content: string; version: number; updatedAt: Date; others: string[] }>(
      version === 0
        ? { name: 'section_insert', text: SECTION_INSERT, values }
        : { name: 'section_update', text: SECTION_UPDATE, values },
    );
    if (!saved) throw await this.sectionRefusal(ctx, id, key, now);
    // Colleagues with the proposal open fetch the new text (best effort; the version check stays the guarantee).
    const event = {
      proposalId: id,
      key,
      version: saved.version,
      by: { id: actorId, displayName: ctx.actor!.displayName },
    };
    for (const userId of saved.others) void this.live.publish(userId, 'proposal-section', event);
    return { key: saved.key, content: saved.content, version: saved.version, updatedAt: saved.updatedAt.toISOString() };
  }

  /** Why an autosave wrote nothing: the first of the checks that fails, else a stale version. */
  private async sectionRefusal(ctx: RequestContext, id: string, key: string, now: Date): Promise<AppError> {
    const {
      rows: [row],
    } = await this.db.query<{
      status: string;
      members: { userId: string; role: MemberRole }[];
      call: { programmeId: string; closesAtMs: number; sections: { key: string }[] };
    }>({ name: 'section_context', text: SECTION_CONTEXT, values: [id] });
    if (!row) return AppError.notFound('Proposal');
    assertMember(accessTo(ctx.actor, row));
    if (!EDITABLE.has(row.status)) {
      return new AppError('conflict', `A proposal that is ${row.status.toLowerCase()} can no longer be changed`);
    }
    if (now.getTime() >= row.call.closesAtMs) {
      return new AppError('call_closed', 'The call has closed: the proposal can no longer be changed');
    }
    if (!row.call.sections.some((s) => s.key === key)) return AppError.notFound('Section');
    const current = await this.prisma.proposalSection.findUnique({
      where: { proposalId_key: { proposalId: id, key } },
    });
    return AppError.stale('section', current?.version ?? 0, { content: current?.content ?? '' });
  }

  async budget(ctx: RequestContext, id: string) {
    const row = await this.load(this.prisma, id);
    accessTo(ctx.actor, row);
    return { version: row.budgetVersion, lines: budgetLines(row), summary: budgetOf(row) };
  }

  async setBudget(ctx: RequestContext, id: string, version: number, lines: BudgetLine[]) {
    await this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id);
      assertMember(accessTo(ctx.actor, row));
      this.assertEditable(row);
      const partnerIds = new Set(row.partners.map((p) => p.id));
      const unknown = lines.flatMap((l, i) =>
        partnerIds.has(l.partnerId)
          ? []
          : [{ path: `body.lines.${i}.partnerId`, code: 'unknown_partner', message: 'Not a partner of this proposal' }],
      );
      if (unknown.length) throw new AppError('validation_failed', 'Budget lines name unknown partners', unknown);
      const summary = budgetOf(row, lines);
      const invalid = summary.errors.flatMap((e) =>
        e.lineIndex === null
          ? []
          : [{ path: `body.lines.${e.lineIndex}.amount`, code: e.code, message: e.code, params: e.params }],
      );
      if (invalid.length) throw new AppError('validation_failed', 'Some budget lines cannot be used', invalid);
      const bumped = await tx.proposal.updateMany({
        where: { id, budgetVersion: version },
        data: { budgetVersion: { increment: 1 } },
      });
      if (bumped.count !== 1) throw AppError.stale('budget', row.budgetVersion);
      await tx.budgetLine.deleteMany({ where: { proposalId: id } });
      await tx.budgetLine.createMany({ data: lines.map((l) => ({ ...l, proposalId: id })) });
      await this.audit.record(tx, ctx, {
        action: 'proposal.budget_updated',
        entityType: 'Proposal',
        entityId: id,
        data: { lines: lines.length, grandTotal: summary.grandTotal, currency: summary.callCurrency },
      });
    });
    return this.budget(ctx, id);
  }

  async setWorkPlan(ctx: RequestContext, id: string, version: number, plan: WorkPlan) {
    await this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id);
      assertMember(accessTo(ctx.actor, row));
      this.assertEditable(row);
      const errors = workPlanErrors(plan, {
        durationMonths: row.durationMonths,
        partnerIds: row.partners.map((p) => p.id),
      }).map((e) => ({ ...e, path: `body.${e.path}` }));
      if (errors.length) throw new AppError('validation_failed', 'The work plan does not fit the proposal', errors);
      const updated = await tx.proposal.updateMany({
        where: { id, workPlanVersion: version },
        data: { workPlan: plan as object, workPlanVersion: { increment: 1 } },
      });
      if (updated.count !== 1) throw AppError.stale('work plan', row.workPlanVersion);
      await this.audit.record(tx, ctx, {
        action: 'proposal.work_plan_updated',
        entityType: 'Proposal',
        entityId: id,
        data: {
          workPackages: plan.workPackages.length,
          milestones: plan.workPackages.reduce((n, wp) => n + wp.milestones.length, 0),
        },
      });
    });
    return this.get(ctx, id);
  }

  async eligibility(ctx: RequestContext, id: string) {
    const row = await this.load(this.prisma, id);
    accessTo(ctx.actor, row);
    return eligibilityOf(row);
  }

  async invite(
    ctx: RequestContext,
    id: string,
    body: { email: string; role: 'PARTNER_PI' | 'COLLABORATOR'; institutionId: string },
  ) {
    return this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id);
      assertLead(accessTo(ctx.actor, row));
      this.assertEditable(row);
      const institution = await usableInstitution(tx, body.institutionId, ctx.actor!.id, 'body.institutionId');
      const isPartner = row.partners.some((p) => p.institution.id === institution.id);
      if (body.role === 'PARTNER_PI' && isPartner) {
        throw new AppError('validation_failed', 'This institution is a partner already', [
          {
            path: 'body.institutionId',
            code: 'already_partner',
            message: 'Invite a collaborator of this partner instead',
          },
        ]);
      }
      if (body.role === 'COLLABORATOR' && !isPartner) {
        throw new AppError('validation_failed', 'Collaborators join an existing partner', [
          { path: 'body.institutionId', code: 'not_a_partner', message: 'Invite the partner PI first' },
        ]);
      }
      const member = await tx.proposalMember.findFirst({ where: { proposalId: id, user: { email: body.email } } });
      if (member) throw new AppError('conflict', 'This person is a member of the consortium already');
      const invitation = await tx.proposalInvitation.create({
        data: {
          proposalId: id,
          email: body.email,
          role: body.role,
          institutionId: institution.id,
          invitedById: ctx.actor!.id,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        },
        include: { institution: { select: { id: true, name: true, countryCode: true } } },
      });
      await this.audit.record(tx, ctx, {
        action: 'proposal.member_invited',
        entityType: 'Proposal',
        entityId: id,
        data: { invitationId: invitation.id, email: body.email, role: body.role, institutionId: institution.id },
      });
      await this.outbox.enqueue(tx, 'email.invitation', { invitationId: invitation.id });
      return toInvitation(invitation);
    });
  }

  async invitations(ctx: RequestContext, id: string) {
    const row = await this.load(this.prisma, id);
    accessTo(ctx.actor, row);
    const rows = await this.prisma.proposalInvitation.findMany({
      where: { proposalId: id },
      include: { institution: { select: { id: true, name: true, countryCode: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toInvitation);
  }

  private async invitationByToken(tx: Tx | Prisma, token: string) {
    const invitation = await tx.proposalInvitation.findUnique({
      where: { tokenHash: hashToken(token) },
      include: {
        institution: true,
        proposal: { select: { id: true, acronym: true, callId: true, createdById: true } },
      },
    });
    if (invitation?.status !== 'PENDING' || invitation.expiresAt <= new Date()) {
      throw new AppError('token_invalid', 'This invitation is invalid, answered already or expired');
    }
    return invitation;
  }

  async revokeInvitation(ctx: RequestContext, id: string, invitationId: string) {
    const invitation = await this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id);
      assertLead(accessTo(ctx.actor, row));
      const revoked = await tx.proposalInvitation.updateMany({
        where: { id: invitationId, proposalId: id, status: 'PENDING' },
        data: { status: 'REVOKED', tokenHash: null, respondedAt: new Date() },
      });
      const current = await tx.proposalInvitation.findFirst({
        where: { id: invitationId, proposalId: id },
        include: { institution: { select: { id: true, name: true, countryCode: true } } },
      });
      if (!current) throw AppError.notFound('Invitation');
      if (revoked.count === 0) {
        throw new AppError(
          'conflict',
          `Only a pending invitation can be withdrawn (this one is ${current.status.toLowerCase()})`,
        );
      }
      await this.audit.record(tx, ctx, {
        action: 'proposal.invitation_revoked',
        entityType: 'Proposal',
        entityId: id,
        data: { invitationId, email: current.email },
      });
      return current;
    });
    return toInvitation(invitation);
  }

  /** Reads an invitation by its token without answering it, so the invitee knows what they accept. */
  async previewInvitation(token: string) {
    const invitation = await this.invitationByToken(this.prisma, token);
    const full = await this.prisma.proposalInvitation.findUniqueOrThrow({
      where: { id: invitation.id },
      include: {
        invitedBy: { select: { displayName: true } },
        proposal: {
          select: { acronym: true, title: true, call: { select: { title: true, closesAt: true, timeZone: true } } },
        },
      },
    });
    return {
      email: invitation.email,
      role: invitation.role,
      institution: { name: invitation.institution.name, countryCode: invitation.institution.countryCode },
      invitedBy: full.invitedBy.displayName,
      proposal: { acronym: full.proposal.acronym, title: full.proposal.title },
      call: {
        title: full.proposal.call.title,
        closesAt: full.proposal.call.closesAt.toISOString(),
        timeZone: full.proposal.call.timeZone,
      },
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async acceptInvitation(ctx: RequestContext, token: string) {
    const actor = ctx.actor!;
    return this.prisma.$transaction(async (tx) => {
      const invitation = await this.invitationByToken(tx, token);
      if (invitation.email !== actor.email) {
        throw AppError.forbidden(`This invitation is for ${invitation.email}: sign in with that account to accept it`);
      }
      const claimed = await tx.proposalInvitation.updateMany({
        where: { id: invitation.id, status: 'PENDING' },
        data: { status: 'ACCEPTED', respondedAt: new Date() },
      });
      if (claimed.count !== 1) throw new AppError('token_invalid', 'This invitation was answered already');
      const proposalId = invitation.proposalId;
      let partner = await tx.proposalPartner.findUnique({
        where: { proposalId_institutionId: { proposalId, institutionId: invitation.institutionId } },
      });
      partner ??= await tx.proposalPartner.create({
        data: {
          proposalId,
          institutionId: invitation.institutionId,
          role: 'PARTNER',
          agencyId: await this.agencyFor(tx, invitation.proposal.callId, invitation.institution.countryCode),
        },
      });
      await tx.proposalMember.create({
        data: { proposalId, userId: actor.id, partnerId: partner.id, role: invitation.role },
      });
      await refreshPartnerFacets(tx, proposalId);
      await this.audit.record(tx, ctx, {
        action: 'proposal.member_joined',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { invitationId: invitation.id, role: invitation.role },
      });
      const leads = await tx.proposalMember.findMany({
        where: { proposalId, role: 'LEAD_PI' },
        select: { userId: true },
      });
      await this.notifications.notify(tx, {
        type: 'proposal.invitation_accepted',
        userIds: leads.map((l) => l.userId),
        data: { proposalId, acronym: invitation.proposal.acronym, memberName: actor.displayName },
        link: `/proposals/${proposalId}`,
        eventKey: `invitation-accepted:${invitation.id}`,
      });
      return { proposalId };
    });
  }

  async declineInvitation(ctx: RequestContext, token: string) {
    await this.prisma.$transaction(async (tx) => {
      const invitation = await this.invitationByToken(tx, token);
      await tx.proposalInvitation.update({
        where: { id: invitation.id },
        data: { status: 'DECLINED', respondedAt: new Date() },
      });
      await this.audit.record(tx, ctx, {
        actorId: ctx.actor?.id ?? null,
        action: 'proposal.invitation_declined',
        entityType: 'Proposal',
        entityId: invitation.proposalId,
        data: { invitationId: invitation.id },
      });
    });
    return { status: 'declined' as const };
  }

  /** Submits by server time: the instant the transaction runs decides, to the millisecond. */
  async submit(ctx: RequestContext, id: string) {
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id, true);
      assertLead(accessTo(ctx.actor, row));
      if (!isOpenAt(row.call, now)) {
        throw now < row.call.opensAt
          ? new AppError('call_not_open', 'The call is not open yet')
          : new AppError('call_closed', 'The deadline has passed');
      }
      if (!EDITABLE.has(row.status))
        throw new AppError('conflict', `A proposal that is ${row.status.toLowerCase()} cannot be submitted`);
      const report = eligibilityOf(row);
      if (!report.eligible) {
        throw new AppError(
          'validation_failed',
          'The proposal does not meet the eligibility rules of the call',
          report.results
            .filter((r) => !r.passed)
            .map((r) => ({ path: `eligibility.${r.rule.kind}`, code: r.code, message: r.code, params: r.params })),
        );
      }
      const number = row.submissions.length + 1;
      const access = accessTo(ctx.actor, row);
      const snapshot = {
        proposal: toProposal(row, { ...access, role: null }),
        budget: { lines: budgetLines(row), summary: budgetOf(row) },
        eligibility: report,
      };
      await tx.proposalSubmission.create({
        data: { proposalId: id, number, submittedById: ctx.actor!.id, submittedAt: now, snapshot: snapshot as object },
      });
      await tx.proposal.update({ where: { id }, data: { status: 'SUBMITTED', submittedAt: now, withdrawnAt: null } });
      await this.audit.record(tx, ctx, {
        action: 'proposal.submitted',
        entityType: 'Proposal',
        entityId: id,
        data: { number },
      });
      const recipients = [
        ctx.actor!.id,
        ...row.partners.flatMap((p) => p.members.filter((m) => m.role === 'PARTNER_PI').map((m) => m.userId)),
      ];
      await this.notifications.notify(tx, {
        type: 'proposal.submitted',
        userIds: recipients,
        data: { proposalId: id, acronym: row.acronym, title: row.title, callTitle: row.call.title, number },
        link: `/proposals/${id}`,
        eventKey: `proposal-submitted:${id}:${number}`,
      });
    });
    return this.get(ctx, id);
  }

  async withdraw(ctx: RequestContext, id: string) {
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      const row = await this.load(tx, id, true);
      assertLead(accessTo(ctx.actor, row));
      if (row.status !== 'SUBMITTED') throw new AppError('conflict', 'Only a submitted proposal can be withdrawn');
      if (now >= row.call.closesAt) throw new AppError('call_closed', 'The deadline has passed');
      await tx.proposal.update({ where: { id }, data: { status: 'WITHDRAWN', withdrawnAt: now } });
      await this.audit.record(tx, ctx, { action: 'proposal.withdrawn', entityType: 'Proposal', entityId: id });
    });
    return this.get(ctx, id);
  }

  async submission(ctx: RequestContext, id: string, number: number) {
    const row = await this.load(this.prisma, id);
    accessTo(ctx.actor, row);
    const submission = await this.prisma.proposalSubmission.findUnique({
      where: { proposalId_number: { proposalId: id, number } },
    });
    if (!submission) throw AppError.notFound('Submission');
    return {
      number: submission.number,
      submittedAt: submission.submittedAt.toISOString(),
      // Written by submit() from the same contract types; the response schema checks it on the way out.
      snapshot: submission.snapshot as unknown as SubmissionSnapshot,
    };
  }
}

function toInvitation(i: {
  id: string;
  email: string;
  role: MemberRole;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'REVOKED';
  createdAt: Date;
  expiresAt: Date;
  institution: { id: string; name: string; countryCode: string };
}) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    institution: i.institution,
    status: i.status,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
  };
}
