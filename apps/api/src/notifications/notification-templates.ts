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

const AMENDMENT_NAMES: Record<Locale, Record<string, string>> = {
  en: {
    BUDGET_REALLOCATION: 'Budget reallocation',
    NO_COST_EXTENSION: 'No-cost extension',
    PARTNER_CHANGE: 'Partner change',
  },
  ja: { BUDGET_REALLOCATION: '予算の再配分', NO_COST_EXTENSION: '無償期間延長', PARTNER_CHANGE: 'パートナーの変更' },
};

/** What a grant notification is about, in the reader's language: a report or an amendment by kind, else its title. */
function grantSubject(locale: Locale, data: Record<string, unknown>): string {
  const subject = data.subject as { report?: string; amendment?: string; number: number } | undefined;
  if (subject?.report) {
    if (locale === 'ja') return subject.report === 'FINAL' ? '最終報告書' : `第${subject.number}回定期報告書`;
    return subject.report === 'FINAL' ? 'Final report' : `Periodic report ${subject.number}`;
  }
  if (subject?.amendment) {
    const name = AMENDMENT_NAMES[locale][subject.amendment] ?? subject.amendment;
    return locale === 'ja' ? `${name}（第${subject.number}号）` : `${name} (${subject.number})`;
  }
  return String(data.title);
}

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
  'review.rapporteur': (locale, data) =>
    locale === 'ja'
      ? {
          subject: `【Kizuna】取りまとめ役になりました: ${String(data.acronym)}`,
          summary: `${String(data.acronym)} のパネルの取りまとめ役になりました`,
          paragraphs: [
            `公募「${String(data.callTitle)}」の ${String(data.acronym)} について、プログラムマネージャーがあなたをパネルの取りまとめ役に指名しました。`,
            'パネルのコンセンサス報告書を書き（書きかけの下書きがあれば引き継がれます）、他の審査員に提案してください。',
          ],
          action: 'パネルを開く',
        }
      : {
          subject: `You are now the rapporteur: ${String(data.acronym)}`,
          summary: `You are the rapporteur of the panel on ${String(data.acronym)}`,
          paragraphs: [
            `A programme manager made you the rapporteur of the panel on ${String(data.acronym)} in the call “${String(data.callTitle)}”.`,
            'Write the consensus report (any draft already written is now yours) and propose it to the other reviewers.',
          ],
          action: 'Open the panel',
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
  'grant.awarded': (locale, data) =>
    locale === 'ja'
      ? {
          subject: `【Kizuna】助成決定: ${String(data.acronym)}（${String(data.number)}）`,
          summary: `${String(data.acronym)} の助成が決定しました（${String(data.number)}）`,
          paragraphs: [
            `${String(data.acronym)} は助成番号 ${String(data.number)} として採択・助成決定されました。`,
            '研究代表者と各共同研究機関の代表者は、Kizuna で助成契約書を確認し、承認してください。全員の承認後に助成が開始されます。',
          ],
          action: '助成契約を開く',
        }
      : {
          subject: `Grant awarded: ${String(data.acronym)} (${String(data.number)})`,
          summary: `${String(data.acronym)} was awarded as grant ${String(data.number)}`,
          paragraphs: [
            `${String(data.acronym)} has been awarded as grant ${String(data.number)}.`,
            'The lead PI and every partner PI: please read and acknowledge the grant agreement on Kizuna. The grant starts once all of you have acknowledged it.',
          ],
          action: 'Open the grant agreement',
        },
  'grant.status_changed': (locale, data) => {
    const status = data.status as 'AWARDED' | 'ACTIVE' | 'SUSPENDED' | 'FINAL_REPORT_DUE' | 'CLOSED';
    const names = {
      en: {
        AWARDED: 'awarded',
        ACTIVE: 'active',
        SUSPENDED: 'suspended',
        FINAL_REPORT_DUE: 'in final reporting (the final report is due)',
        CLOSED: 'closed',
      },
      ja: {
        AWARDED: '助成決定',
        ACTIVE: '実施中',
        SUSPENDED: '一時停止',
        FINAL_REPORT_DUE: '最終報告待ち（最終報告書を提出してください）',
        CLOSED: '終了',
      },
    }[locale][status];
    const reason = data.reason ? String(data.reason) : null;
    return locale === 'ja'
      ? {
          subject: `【Kizuna】助成 ${String(data.number)} の状態: ${names}`,
          summary: `${String(data.acronym)}（${String(data.number)}）は「${names}」になりました`,
          paragraphs: [
            `${String(data.acronym)} の助成（${String(data.number)}）は「${names}」になりました。`,
            ...(reason ? [`理由: ${reason}`] : []),
          ],
          action: '助成を開く',
        }
      : {
          subject: `Grant ${String(data.number)} is now ${names}`,
          summary: `${String(data.acronym)} (${String(data.number)}) is now ${names}`,
          paragraphs: [
            `The grant ${String(data.number)} of ${String(data.acronym)} is now ${names}.`,
            ...(reason ? [`Reason: ${reason}`] : []),
          ],
          action: 'Open the grant',
        };
  },
  'grant.submitted': (locale, data) => {
    const title = grantSubject(locale, data);
    const what = {
      en: { MILESTONE: 'milestone evidence', REPORT: 'a report', AMENDMENT: 'an amendment request' },
      ja: { MILESTONE: 'マイルストーンの達成報告', REPORT: '報告書', AMENDMENT: '変更申請' },
    }[locale][data.what as 'MILESTONE' | 'REPORT' | 'AMENDMENT'];
    return locale === 'ja'
      ? {
          subject: `【Kizuna】${String(data.number)}: ${what}が提出されました`,
          summary: `${String(data.acronym)} が${what}を提出しました: ${title}`,
          paragraphs: [
            `${String(data.acronym)}（${String(data.number)}）のコンソーシアムが${what}「${title}」を提出しました。確認してください。`,
          ],
          action: '助成を開く',
        }
      : {
          subject: `${String(data.number)}: ${what} to review`,
          summary: `${String(data.acronym)} submitted ${what}: ${title}`,
          paragraphs: [
            `The consortium of ${String(data.acronym)} (${String(data.number)}) submitted ${what}: "${title}". Please review it.`,
          ],
          action: 'Open the grant',
        };
  },
  'grant.reviewed': (locale, data) => {
    const title = grantSubject(locale, data);
    const kind = data.what as 'MILESTONE' | 'REPORT' | 'AMENDMENT';
    const accepted = data.accepted === true;
    const what = {
      en: { MILESTONE: 'milestone', REPORT: 'report', AMENDMENT: 'amendment request' },
      ja: { MILESTONE: 'マイルストーン', REPORT: '報告書', AMENDMENT: '変更申請' },
    }[locale][kind];
    const outcome = {
      en: accepted
        ? kind === 'AMENDMENT'
          ? 'approved'
          : 'accepted'
        : kind === 'AMENDMENT'
          ? 'rejected'
          : 'returned for changes',
      ja: accepted ? (kind === 'AMENDMENT' ? '承認' : '受理') : kind === 'AMENDMENT' ? '却下' : '差し戻し',
    }[locale];
    const comment = String(data.comment ?? '');
    return locale === 'ja'
      ? {
          subject: `【Kizuna】${String(data.number)}: ${what}「${title}」は${outcome}されました`,
          summary: `${String(data.acronym)} の${what}「${title}」: ${outcome}`,
          paragraphs: [
            `${String(data.acronym)}（${String(data.number)}）の${what}「${title}」はプログラムマネージャーにより${outcome}されました。`,
            ...(comment ? [`コメント: ${comment}`] : []),
          ],
          action: '助成を開く',
        }
      : {
          subject: `${String(data.number)}: ${what} "${title}" ${outcome}`,
          summary: `${String(data.acronym)}: ${what} "${title}" ${outcome}`,
          paragraphs: [
            `The programme manager ${outcome} the ${what} "${title}" of ${String(data.acronym)} (${String(data.number)}).`,
            ...(comment ? [`Comment: ${comment}`] : []),
          ],
          action: 'Open the grant',
        };
  },
  'grant.report_reminder': (locale, data) => {
    const late = data.daysLate !== null;
    const final = data.kind === 'FINAL';
    const report = final ? 'Final report' : `Periodic report ${Number(data.reportNumber)}`;
    const reportJa = final ? '最終報告書' : `第${Number(data.reportNumber)}回定期報告書`;
    return locale === 'ja'
      ? {
          subject: late
            ? `【Kizuna】${String(data.number)}: ${reportJa}の提出期限を過ぎています`
            : `【Kizuna】${String(data.number)}: ${reportJa}の提出期限が近づいています`,
          summary: late
            ? `${String(data.acronym)} の${reportJa}が期限切れです（期限 ${String(data.dueDate)}）`
            : `${String(data.acronym)} の${reportJa}の期限は ${String(data.dueDate)} です`,
          paragraphs: [
            late
              ? `${String(data.acronym)}（${String(data.number)}）の${reportJa}の提出期限（${String(data.dueDate)}）を ${Number(data.daysLate)} 日過ぎています。報告書が受理されるまで助成金は支払われません。研究代表者が提出してください。`
              : `${String(data.acronym)}（${String(data.number)}）の${reportJa}の提出期限は ${String(data.dueDate)} です。研究代表者が Kizuna で提出してください。`,
          ],
          action: '助成を開く',
        }
      : {
          subject: late
            ? `${String(data.number)}: ${report} is overdue`
            : `${String(data.number)}: ${report} due on ${String(data.dueDate)}`,
          summary: late
            ? `${String(data.acronym)}: ${report} overdue (due ${String(data.dueDate)})`
            : `${String(data.acronym)}: ${report} due on ${String(data.dueDate)}`,
          paragraphs: [
            late
              ? `The ${report.toLowerCase()} of ${String(data.acronym)} (${String(data.number)}) was due on ${String(data.dueDate)}, ${Number(data.daysLate)} day${Number(data.daysLate) === 1 ? '' : 's'} ago. No tranche is paid while it is not accepted. The lead PI submits it on Kizuna.`
              : `The ${report.toLowerCase()} of ${String(data.acronym)} (${String(data.number)}) is due on ${String(data.dueDate)}. The lead PI submits it on Kizuna.`,
          ],
          action: 'Open the grant',
        };
  },
  'grant.tranche_released': (locale, data) =>
    locale === 'ja'
      ? {
          subject: `【Kizuna】${String(data.number)}: 助成金の支払い（${String(data.partner)}）`,
          summary: `${String(data.partner)} に ${String(data.amount)} ${String(data.currency)} が支払われました`,
          paragraphs: [
            `${String(data.acronym)}（${String(data.number)}）の助成金 ${String(data.amount)} ${String(data.currency)} が ${String(data.paidOn)} に ${String(data.partner)} へ支払われました。`,
          ],
          action: '助成を開く',
        }
      : {
          subject: `${String(data.number)}: tranche paid to ${String(data.partner)}`,
          summary: `${String(data.amount)} ${String(data.currency)} paid to ${String(data.partner)}`,
          paragraphs: [
            `A tranche of ${String(data.amount)} ${String(data.currency)} of grant ${String(data.number)} (${String(data.acronym)}) was paid to ${String(data.partner)} on ${String(data.paidOn)}.`,
          ],
          action: 'Open the grant',
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
