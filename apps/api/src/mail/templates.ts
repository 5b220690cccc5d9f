export type Locale = 'en' | 'ja';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface TemplateText {
  subject: string;
  greeting: (name: string) => string;
  body: string;
  action?: string;
  footer: string;
}

type TemplateName = 'verify' | 'passwordReset' | 'accountExists' | 'passwordChanged';

const FOOTER = {
  en: 'Kizuna — joint research between ASEAN member states and Japan. You receive this email because of your Kizuna account.',
  ja: 'Kizuna（絆）— ASEAN加盟国と日本の共同研究プラットフォーム。このメールは Kizuna アカウントに関するお知らせです。',
};

const TEXTS: Record<TemplateName, Record<Locale, TemplateText>> = {
  verify: {
    en: {
      subject: 'Confirm your email address for Kizuna',
      greeting: (n) => `Dear ${n},`,
      body: 'Welcome to Kizuna. Please confirm your email address to activate your account. The link is valid for 24 hours and can be used once.',
      action: 'Confirm my email address',
      footer: FOOTER.en,
    },
    ja: {
      subject: '【Kizuna】メールアドレスの確認',
      greeting: (n) => `${n} 様`,
      body: 'Kizuna へようこそ。アカウントを有効にするため、メールアドレスを確認してください。リンクの有効期限は24時間で、一度だけ使用できます。',
      action: 'メールアドレスを確認する',
      footer: FOOTER.ja,
    },
  },
  passwordReset: {
    en: {
      subject: 'Reset your Kizuna password',
      greeting: (n) => `Dear ${n},`,
      body: 'Someone asked to reset the password of your Kizuna account. If it was you, choose a new password with the link below; it is valid for one hour and can be used once. If it was not you, ignore this email: your password stays as it is.',
      action: 'Choose a new password',
      footer: FOOTER.en,
    },
    ja: {
      subject: '【Kizuna】パスワードの再設定',
      greeting: (n) => `${n} 様`,
      body: 'Kizuna アカウントのパスワード再設定が依頼されました。ご本人の場合は、下のリンクから新しいパスワードを設定してください（有効期限1時間、一度のみ有効）。お心当たりがない場合はこのメールを無視してください。パスワードは変更されません。',
      action: '新しいパスワードを設定する',
      footer: FOOTER.ja,
    },
  },
  accountExists: {
    en: {
      subject: 'Someone tried to sign up to Kizuna with your address',
      greeting: (n) => `Dear ${n},`,
      body: 'Someone tried to create a Kizuna account with this email address, which already has an account. If it was you, sign in instead, or reset your password if you have forgotten it.',
      action: 'Reset my password',
      footer: FOOTER.en,
    },
    ja: {
      subject: '【Kizuna】ご登録済みのアドレスで新規登録が試みられました',
      greeting: (n) => `${n} 様`,
      body: 'このメールアドレスは既に Kizuna に登録されていますが、新規登録が試みられました。ご本人の場合はログインしてください。パスワードをお忘れの場合は再設定できます。',
      action: 'パスワードを再設定する',
      footer: FOOTER.ja,
    },
  },
  passwordChanged: {
    en: {
      subject: 'Your Kizuna password was changed',
      greeting: (n) => `Dear ${n},`,
      body: 'The password of your Kizuna account was just changed and your other sessions were signed out. If you did not do this, reset your password at once and contact your programme office.',
      footer: FOOTER.en,
    },
    ja: {
      subject: '【Kizuna】パスワードが変更されました',
      greeting: (n) => `${n} 様`,
      body: 'Kizuna アカウントのパスワードが変更され、他のセッションはすべてログアウトされました。お心当たりがない場合は、直ちにパスワードを再設定し、プログラム事務局にご連絡ください。',
      footer: FOOTER.ja,
    },
  },
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Renders an email in the recipient's language, as plain text and HTML. */
export function renderEmail(
  template: TemplateName,
  locale: Locale,
  vars: { name: string; link?: string },
): RenderedEmail {
  const t = TEXTS[template][locale];
  const lines = [t.greeting(vars.name), '', t.body];
  if (t.action && vars.link) lines.push('', `${t.action}:`, vars.link);
  lines.push('', '—', t.footer);
  const button =
    t.action && vars.link
      ? `<p><a href="${escapeHtml(vars.link)}" style="display:inline-block;padding:10px 18px;background:#1d4e89;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t.action)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(vars.link)}</p>`
      : '';
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a"><p>${escapeHtml(t.greeting(vars.name))}</p><p>${escapeHtml(t.body)}</p>${button}<hr><p style="font-size:12px;color:#555">${escapeHtml(t.footer)}</p></body></html>`;
  return { subject: t.subject, text: lines.join('\n'), html };
}

export const TEMPLATE_NAMES = Object.keys(TEXTS) as TemplateName[];
export type { TemplateName };
