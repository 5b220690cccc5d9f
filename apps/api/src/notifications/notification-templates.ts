import type { NotificationType, Role } from '@kizuna/shared';
import type { Locale } from '../mail/layout.js';

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  en: {
    RESEARCHER: 'Researcher',
    REVIEWER: 'Reviewer',
    PROGRAMME_MANAGER: 'Programme manager',
    ADMIN: 'Administrator',
  },
  ja: { RESEARCHER: '研究者', REVIEWER: '審査員', PROGRAMME_MANAGER: 'プログラムマネージャー', ADMIN: '管理者' },
};

/** An instant in a time zone, e.g. "3 March 2027, 17:00 (Asia/Tokyo)". */
function formatInstant(iso: string, timeZone: string, locale: Locale): string {
  const text = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

export interface NotificationText {
  subject: string;
  /** One line, for digests. */
  summary: string;
  paragraphs: string[];
  action: string;
}

type Renderer = (locale: Locale, data: Record<string, unknown>) => NotificationText;

/** The email text of every notification type, in English and Japanese. */
export const NOTIFICATION_EMAILS: Record<NotificationType, Renderer> = {
  'account.roles_changed': (locale, data) => {
    const roles = (data.roles as { role: Role; programmeName: string | null }[])
      .map((r) => (r.programmeName ? `${ROLE_NAMES[locale][r.role]} (${r.programmeName})` : ROLE_NAMES[locale][r.role]))
      .join(locale === 'ja' ? '、' : ', ');
    const none = locale === 'ja' ? 'なし' : 'none';
    return locale === 'ja'
      ? {
          subject: '【Kizuna】ロールが変更されました',
          summary: `ロールが変更されました: ${roles || none}`,
          paragraphs: [`管理者が Kizuna でのあなたのロールを変更しました。現在のロール: ${roles || none}`],
          action: 'Kizuna を開く',
        }
      : {
          subject: 'Your roles on Kizuna changed',
          summary: `Your roles changed: ${roles || none}`,
          paragraphs: [`An administrator changed your roles on Kizuna. Your roles now: ${roles || none}.`],
          action: 'Open Kizuna',
        };
  },
  'proposal.submitted': (locale, data) =>
    locale === 'ja'
      ? {
          subject: `【Kizuna】提出受付: ${String(data.acronym)}`,
          summary: `${String(data.acronym)} が提出されました（第${Number(data.number)}版）`,
          paragraphs: [
            `提案書「${String(data.title)}」（${String(data.acronym)}）を公募「${String(data.callTitle)}」に受け付けました（第${Number(data.number)}版）。提出内容は変更できない控えとして保存されています。締切前であれば再提出できます。`,
          ],
          action: '提案書を開く',
        }
      : {
          subject: `Kizuna receipt: ${String(data.acronym)} submitted`,
          summary: `${String(data.acronym)} was submitted (version ${Number(data.number)})`,
          paragraphs: [
            `We received the proposal "${String(data.title)}" (${String(data.acronym)}) for the call "${String(data.callTitle)}" as submission ${Number(data.number)}. An unchangeable copy of what was submitted is kept. You can submit again until the deadline.`,
          ],
          action: 'Open the proposal',
        },
  'proposal.invitation_accepted': (locale, data) =>
    locale === 'ja'
      ? {
          subject: `【Kizuna】${String(data.memberName)} さんがコンソーシアムに参加しました`,
          summary: `${String(data.memberName)} さんが ${String(data.acronym)} に参加しました`,
          paragraphs: [
            `${String(data.memberName)} さんが招待を承諾し、${String(data.acronym)} のコンソーシアムに参加しました。`,
          ],
          action: '提案書を開く',
        }
      : {
          subject: `${String(data.memberName)} joined your consortium on Kizuna`,
          summary: `${String(data.memberName)} joined ${String(data.acronym)}`,
          paragraphs: [
            `${String(data.memberName)} accepted the invitation and joined the consortium of ${String(data.acronym)}.`,
          ],
          action: 'Open the proposal',
        },
  'review.declined': (locale, data) => {
    const replacements = (data.replacements as { name: string; affinity: number }[])
      .map((r) => `${r.name} (${r.affinity.toFixed(2)})`)
      .join(locale === 'ja' ? '、' : ', ');
    return locale === 'ja'
      ? {
          subject: `【Kizuna】審査依頼の辞退: ${String(data.acronym)}`,
          summary: `${String(data.reviewer)} さんが ${String(data.acronym)} の審査を辞退しました`,
          paragraphs: [
            `${String(data.reviewer)} さんが ${String(data.acronym)} の審査依頼を辞退しました。理由: ${String(data.reason) || '（記載なし）'}`,
            replacements
              ? `交代候補（適合度順）: ${replacements}`
              : '利益相反がなく担当数に余裕のある交代候補はいません。',
          ],
          action: '審査割当を開く',
        }
      : {
          subject: `Review declined: ${String(data.acronym)}`,
          summary: `${String(data.reviewer)} declined to review ${String(data.acronym)}`,
          paragraphs: [
            `${String(data.reviewer)} declined to review ${String(data.acronym)}. Reason: ${String(data.reason) || '(none given)'}`,
            replacements
              ? `Best replacements (by affinity): ${replacements}.`
              : 'No reviewer without a conflict and with load left is available.',
          ],
          action: 'Open the assignments',
        };
  },
  'review.reminder': (locale, data) => {
    const deadline = formatInstant(String(data.deadline), String(data.timeZone), locale);
    const late = data.daysLate !== null;
    return locale === 'ja'
      ? {
          subject: late
            ? `【Kizuna】審査の期限を過ぎています: ${String(data.acronym)}`
            : `【Kizuna】審査の期限が近づいています: ${String(data.acronym)}`,
          summary: late
            ? `${String(data.acronym)} の審査が期限切れです`
            : `${String(data.acronym)} の審査期限まであと ${Number(data.daysLeft)} 日`,
          paragraphs: [
            late
              ? `公募「${String(data.callTitle)}」の ${String(data.acronym)} の審査期限（${deadline}）を過ぎています。できるだけ早く提出してください。`
              : `公募「${String(data.callTitle)}」の ${String(data.acronym)} の審査期限は ${deadline} です。`,
          ],
          action: '審査を開く',
        }
      : {
          subject: late
            ? `Your review of ${String(data.acronym)} is overdue`
            : `Your review of ${String(data.acronym)} is due soon`,
          summary: late
            ? `Review of ${String(data.acronym)} overdue`
            : `Review of ${String(data.acronym)} due in ${Number(data.daysLeft)} day${Number(data.daysLeft) === 1 ? '' : 's'}`,
          paragraphs: [
            late
              ? `The deadline for your review of ${String(data.acronym)} (call "${String(data.callTitle)}") was ${deadline}. Please submit it as soon as you can.`
              : `Your review of ${String(data.acronym)} (call "${String(data.callTitle)}") is due by ${deadline}.`,
          ],
          action: 'Open the review',
        };
  },
  'proposal.decision_released': (locale, data) => {
    const outcome = {
      en: {
        FUNDED: 'selected for funding',
        RESERVE: 'placed on the reserve list',
        NOT_FUNDED: 'not selected for funding',
      },
      ja: { FUNDED: '採択', RESERVE: '補欠', NOT_FUNDED: '不採択' },
    }[locale][data.outcome as 'FUNDED' | 'RESERVE' | 'NOT_FUNDED'];
    return locale === 'ja'
      ? {
          subject: `【Kizuna】審査結果: ${String(data.acronym)}`,
          summary: `${String(data.acronym)} の審査結果: ${outcome}`,
          paragraphs: [
            `公募「${String(data.callTitle)}」への ${String(data.acronym)} の審査結果は「${outcome}」です。審査コメントと合議の所見を Kizuna で確認できます。`,
          ],
          action: '審査結果を見る',
        }
      : {
          subject: `Decision on ${String(data.acronym)}`,
          summary: `${String(data.acronym)}: ${outcome}`,
          paragraphs: [
            `Your proposal ${String(data.acronym)} to the call "${String(data.callTitle)}" has been ${outcome}. The panel's consensus report and the reviewers' comments are on Kizuna.`,
          ],
          action: 'Read the decision',
        };
  },
  'announcement.published': (locale, data) => ({
    subject: `${locale === 'ja' ? '【Kizuna お知らせ】' : 'Kizuna announcement: '}${String(data.title)}`,
    summary: String(data.title),
    paragraphs: [String(data.body)],
    action: locale === 'ja' ? 'お知らせを見る' : 'Read it on Kizuna',
  }),
};

export const DIGEST_TEXT: Record<Locale, { subject: (n: number) => string; intro: string; action: string }> = {
  en: {
    subject: (n) => `Your Kizuna digest: ${n} new notification${n === 1 ? '' : 's'}`,
    intro: 'Here is what happened on Kizuna since your last digest:',
    action: 'Open your notifications',
  },
  ja: {
    subject: (n) => `【Kizuna】ダイジェスト: 新しいお知らせ ${n} 件`,
    intro: '前回のダイジェスト以降の Kizuna でのお知らせです:',
    action: 'お知らせを開く',
  },
};

export const UNSUBSCRIBE_LABEL: Record<Locale, string> = {
  en: 'Unsubscribe from these emails',
  ja: 'このカテゴリのメール配信を停止する',
};
