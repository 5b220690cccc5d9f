export type Locale = 'en' | 'ja';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface EmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** One-click unsubscribe (every email but account and security ones). */
  unsubscribe?: { label: string; url: string; oneClickUrl: string };
}

const FOOTER = {
  en: 'Kizuna — joint research between ASEAN member states and Japan. You receive this email because of your Kizuna account.',
  ja: 'Kizuna（絆）— ASEAN加盟国と日本の共同研究プラットフォーム。このメールは Kizuna アカウントに関するお知らせです。',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The one layout of every Kizuna email, as plain text and HTML in the recipient's language. */
export function layoutEmail(locale: Locale, content: EmailContent): RenderedEmail {
  const lines = [content.greeting, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.action) lines.push(`${content.action.label}:`, content.action.url, '');
  lines.push('—', FOOTER[locale]);
  if (content.unsubscribe) lines.push(`${content.unsubscribe.label}: ${content.unsubscribe.url}`);

  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  const button = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#1d4e89;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(content.action.url)}</p>`
    : '';
  const unsubscribe = content.unsubscribe
    ? `<p style="font-size:12px;color:#555"><a href="${escapeHtml(content.unsubscribe.url)}">${escapeHtml(content.unsubscribe.label)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a"><p>${escapeHtml(content.greeting)}</p>${paragraphs}${button}<hr><p style="font-size:12px;color:#555">${escapeHtml(FOOTER[locale])}</p>${unsubscribe}</body></html>`;
  const headers = content.unsubscribe
    ? {
        'List-Unsubscribe': `<${content.unsubscribe.oneClickUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      }
    : undefined;
  return { subject: content.subject, text: lines.join('\n'), html, ...(headers ? { headers } : {}) };
}

export const greeting = (locale: Locale, name: string) => (locale === 'ja' ? `${name} 様` : `Dear ${name},`);
