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
