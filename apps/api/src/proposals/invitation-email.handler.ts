import { Inject, Injectable } from '@nestjs/common';
import { hashToken, newToken } from '../auth/tokens.js';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { DeliverOnce } from '../mail/deliver-once.js';
import { type Locale, layoutEmail } from '../mail/layout.js';

const TEXT = {
  en: {
    subject: (acronym: string) => `Invitation to join the ${acronym} consortium on Kizuna`,
    greeting: 'Hello,',
    body: (inviter: string, title: string, acronym: string, call: string, role: string, institution: string) =>
      `${inviter} invites you to join the consortium of the proposal "${title}" (${acronym}) to the call "${call}", as ${role} for ${institution}. Open the link to accept or decline; you will sign in or create a Kizuna account with this email address. The link works once and expires in 14 days.`,
    action: 'Answer the invitation',
    roles: { PARTNER_PI: 'partner PI', COLLABORATOR: 'collaborator', LEAD_PI: 'lead PI' },
  },
  ja: {
    subject: (acronym: string) => `【Kizuna】${acronym} コンソーシアムへの招待`,
    greeting: 'こんにちは。',
    body: (inviter: string, title: string, acronym: string, call: string, role: string, institution: string) =>
      `${inviter} さんから、公募「${call}」への提案書「${title}」（${acronym}）のコンソーシアムに、${institution} の${role}として招待されています。リンクを開いて承諾または辞退してください。このメールアドレスで Kizuna にログイン（またはアカウントを作成）します。リンクは一度だけ有効で、14日後に失効します。`,
    action: '招待に回答する',
    roles: { PARTNER_PI: 'パートナー代表研究者', COLLABORATOR: '共同研究者', LEAD_PI: '研究代表者' },
  },
} as const;

/**
 * Sends a consortium invitation. The single-use token is minted here, when the email goes
 * out (only its hash is stored on the invitation), so no usable secret sits in the outbox
 * or Redis. Idempotent per job: a retried job after a sent email does nothing.
 */
@Injectable()
export class InvitationEmailHandler {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(DeliverOnce) private readonly once: DeliverOnce,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async handle(invitationId: string, jobId: string): Promise<'sent' | 'duplicate' | 'skipped'> {
    const invitation = await this.prisma.proposalInvitation.findUnique({
      where: { id: invitationId },
      include: {
        institution: { select: { name: true } },
        invitedBy: { select: { displayName: true, locale: true } },
        proposal: { select: { title: true, acronym: true, call: { select: { title: true } } } },
      },
    });
    if (invitation?.status !== 'PENDING') return 'skipped';
    const dedupeKey = `${jobId}:${invitation.email}`;
    if (await this.once.delivered(dedupeKey)) return 'duplicate';

    const invitee = await this.prisma.user.findUnique({ where: { email: invitation.email }, select: { locale: true } });
    const locale: Locale = (invitee?.locale ?? invitation.invitedBy.locale) === 'ja' ? 'ja' : 'en';
    const t = TEXT[locale];
    const token = newToken();
    await this.prisma.proposalInvitation.update({
      where: { id: invitation.id },
      data: { tokenHash: hashToken(token) },
    });
    const link = new URL(`/invitations?token=${token}`, this.config.PUBLIC_URL).toString();
    const email = layoutEmail(locale, {
      subject: t.subject(invitation.proposal.acronym),
      greeting: t.greeting,
      paragraphs: [
        t.body(
          invitation.invitedBy.displayName,
          invitation.proposal.title,
          invitation.proposal.acronym,
          invitation.proposal.call.title,
          t.roles[invitation.role],
          invitation.institution.name,
        ),
      ],
      action: { label: t.action, url: link },
    });
    return this.once.send(dedupeKey, invitation.email, 'invitation', email);
  }
}
