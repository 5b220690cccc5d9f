import { greeting, type Locale, layoutEmail, type RenderedEmail } from './layout.js';

export type { Locale, RenderedEmail };

interface TemplateText {
  subject: string;
  body: string;
  action?: string;
}

type TemplateName = 'verify' | 'passwordReset' | 'accountExists' | 'passwordChanged';

const TEXTS: Record<TemplateName, Record<Locale, TemplateText>> = {
  verify: {
    en: {
      subject: 'Confirm your email address for Kizuna',
      body: 'Welcome to Kizuna. Please confirm your email address to activate your account. The link is valid for 24 hours and can be used once.',
      action: 'Confirm my email address',
    },
    ja: {
      subject: '【Kizuna】メールアドレスの確認',
      body: 'Kizuna へようこそ。アカウントを有効にするため、メールアドレスを確認してください。リンクの有効期限は24時間で、一度だけ使用できます。',
      action: 'メールアドレスを確認する',
    },
  },
  passwordReset: {
    en: {
      subject: 'Reset your Kizuna password',
      body: 'Someone asked to reset the password of your Kizuna account. If it was you, choose a new password with the link below; it is valid for one hour and can be used once. If it was not you, ignore this email: your password stays as it is.',
      action: 'Choose a new password',
    },
    ja: {
      subject: '【Kizuna】パスワードの再設定',
      body: 'Kizuna アカウントのパスワード再設定が依頼されました。ご本人の場合は、下のリンクから新しいパスワードを設定してください（有効期限1時間、一度のみ有効）。お心当たりがない場合はこのメールを無視してください。パスワードは変更されません。',
      action: '新しいパスワードを設定する',
    },
  },
  accountExists: {
    en: {
      subject: 'Someone tried to sign up to Kizuna with your address',
      body: 'Someone tried to create a Kizuna account with this email address, which already has an account. If it was you, sign in instead, or reset your password if you have forgotten it.',
      action: 'Reset my password',
    },
    ja: {
      subject: '【Kizuna】ご登録済みのアドレスで新規登録が試みられました',
      body: 'このメールアドレスは既に Kizuna に登録されていますが、新規登録が試みられました。ご本人の場合はログインしてください。パスワードをお忘れの場合は再設定できます。',
      action: 'パスワードを再設定する',
    },
  },
  passwordChanged: {
    en: {
      subject: 'Your Kizuna password was changed',
      body: 'The password of your Kizuna account was just changed and your other sessions were signed out. If you did not do this, reset your password at once and contact your programme office.',
    },
    ja: {
      subject: '【Kizuna】パスワードが変更されました',
      body: 'Kizuna アカウントのパスワードが変更され、他のセッションはすべてログアウトされました。お心当たりがない場合は、直ちにパスワードを再設定し、プログラム事務局にご連絡ください。',
    },
  },
};

/** Renders an account email in the recipient's language, as plain text and HTML. */
export function renderEmail(
  template: TemplateName,
  locale: Locale,
  vars: { name: string; link?: string },
): RenderedEmail {
  const t = TEXTS[template][locale];
  return layoutEmail(locale, {
    subject: t.subject,
    greeting: greeting(locale, vars.name),
    paragraphs: [t.body],
    ...(t.action && vars.link ? { action: { label: t.action, url: vars.link } } : {}),
  });
}

export const TEMPLATE_NAMES = Object.keys(TEXTS) as TemplateName[];
export type { TemplateName };
