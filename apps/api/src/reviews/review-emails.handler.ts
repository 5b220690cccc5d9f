import { Inject, Injectable } from '@nestjs/common';
import { hashToken, newToken } from '../auth/tokens.js';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { DeliverOnce } from '../mail/deliver-once.js';
import { type Locale, layoutEmail } from '../mail/layout.js';

const TEXT = {
  en: {
    greeting: 'Hello,',
    pool: {
      subject: (call: string) => `Invitation to review for "${call}" on Kizuna`,
      body: (inviter: string, call: string) =>
        `${inviter} invites you to join the pool of reviewers of the call "${call}". Reviewers declare their expertise and conflicts of interest, then score the proposals assigned to them against the call's rubric. Open the link to accept or decline; you will sign in or create a Kizuna account with this email address. The link works once.`,
      action: 'Answer the invitation',
    },
    review: {
      subject: (acronym: string) => `Please review ${acronym} on Kizuna`,
      body: (acronym: string, title: string, call: string, deadline: string) =>
        `You are invited to review the proposal "${title}" (${acronym}) submitted to the call "${call}". The review is due by ${deadline}. If you have a conflict of interest with this proposal, decline and say so.`,
      accept: 'Accept',
      decline: 'Decline',
      oneClick: 'Accept or decline with one click:',
    },
  },
  ja: {
    greeting: 'こんにちは。',
    pool: {
      subject: (call: string) => `【Kizuna】公募「${call}」審査員への招待`,
      body: (inviter: string, call: string) =>
        `${inviter} さんから、公募「${call}」の審査員プールへの参加依頼が届いています。審査員は専門分野と利益相反を申告し、割り当てられた提案書を公募の評価基準に沿って採点します。リンクを開いて承諾または辞退してください。このメールアドレスで Kizuna にログイン（またはアカウントを作成）します。リンクは一度だけ有効です。`,
      action: '招待に回答する',
    },
    review: {
      subject: (acronym: string) => `【Kizuna】${acronym} の審査のお願い`,
      body: (acronym: string, title: string, call: string, deadline: string) =>
        `公募「${call}」に提出された提案書「${title}」（${acronym}）の審査をお願いします。期限は ${deadline} です。この提案書と利益相反がある場合は、辞退してその旨をお知らせください。`,
      accept: '承諾する',
      decline: '辞退する',
      oneClick: 'ワンクリックで承諾・辞退できます:',
    },
  },
} as const;

function localeOf(...candidates: (string | null | undefined)[]): Locale {
  return candidates.find((c) => c) === 'ja' ? 'ja' : 'en';
}

/**
 * The review phase's own emails, each carrying a single-use token minted when it is sent
 * (only its hash is stored). Idempotent per job and recipient through DeliverOnce.
 * Blind review: the review invitation names the proposal by acronym and title only.
 */
@Injectable()
export class ReviewEmailsHandler {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(DeliverOnce) private readonly once: DeliverOnce,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async pool(callReviewerId: string, jobId: string): Promise<'sent' | 'duplicate' | 'skipped'> {
    const row = await this.prisma.callReviewer.findUnique({
      where: { id: callReviewerId },
      include: { call: { select: { title: true } }, invitedBy: { select: { displayName: true, locale: true } } },
    });
    if (row?.status !== 'INVITED') return 'skipped';
    const dedupeKey = `${jobId}:${row.email}`;
    if (await this.once.delivered(dedupeKey)) return 'duplicate';
    const invitee = await this.prisma.user.findUnique({ where: { email: row.email }, select: { locale: true } });
    const locale = localeOf(invitee?.locale, row.invitedBy.locale);
    const t = TEXT[locale];
    const token = newToken();
    await this.prisma.callReviewer.update({ where: { id: row.id }, data: { tokenHash: hashToken(token) } });
    const email = layoutEmail(locale, {
      subject: t.pool.subject(row.call.title),
      greeting: t.greeting,
      paragraphs: [t.pool.body(row.invitedBy.displayName, row.call.title)],
      action: { label: t.pool.action, url: new URL(`/review-pool?token=${token}`, this.config.PUBLIC_URL).toString() },
    });
    return this.once.send(dedupeKey, row.email, 'review-pool', email);
  }

  async reviewInvitation(assignmentId: string, jobId: string): Promise<'sent' | 'duplicate' | 'skipped'> {
    const row = await this.prisma.reviewAssignment.findUnique({
      where: { id: assignmentId },
      include: {
        reviewer: { select: { email: true, locale: true, timeZone: true } },
        proposal: {
          select: {
            acronym: true,
            title: true,
            call: { select: { title: true, timeZone: true, reviewSettings: { select: { reviewDeadline: true } } } },
          },
        },
      },
    });
    if (row?.status !== 'INVITED') return 'skipped';
    const dedupeKey = `${jobId}:${row.reviewer.email}`;
    if (await this.once.delivered(dedupeKey)) return 'duplicate';
    const locale = localeOf(row.reviewer.locale);
    const t = TEXT[locale];
    const token = newToken();
    await this.prisma.reviewAssignment.update({ where: { id: row.id }, data: { tokenHash: hashToken(token) } });
    const deadlineAt = row.proposal.call.reviewSettings?.reviewDeadline;
    const timeZone = row.reviewer.timeZone || row.proposal.call.timeZone;
    const deadline = deadlineAt
      ? `${new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(deadlineAt)} (${timeZone})`
      : '—';
    const link = (accept: boolean) =>
      new URL(
        `/review-invitations?token=${token}&answer=${accept ? 'accept' : 'decline'}`,
        this.config.PUBLIC_URL,
      ).toString();
    const email = layoutEmail(locale, {
      subject: t.review.subject(row.proposal.acronym),
      greeting: t.greeting,
      paragraphs: [
        t.review.body(row.proposal.acronym, row.proposal.title, row.proposal.call.title, deadline),
        `${t.review.oneClick} ${t.review.decline}: ${link(false)}`,
      ],
      action: { label: t.review.accept, url: link(true) },
    });
    return this.once.send(dedupeKey, row.reviewer.email, 'review-invitation', email);
  }
}
