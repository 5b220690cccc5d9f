import { describe, expect, it } from 'vitest';
import { renderEmail, TEMPLATE_NAMES } from './templates.js';

describe('email templates', () => {
  it.each(TEMPLATE_NAMES)('%s exists in English and Japanese, as text and HTML, with the link', (template) => {
    const link = 'https://kizuna.example/verify-email?token=abc';
    const en = renderEmail(template, 'en', { name: 'Ana', link });
    const ja = renderEmail(template, 'ja', { name: '花子', link });
    expect(en.subject).not.toBe(ja.subject);
    expect(ja.subject).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
    expect(ja.text).toContain('花子 様');
    expect(en.html).toContain('lang="en"');
    if (template !== 'passwordChanged') {
      expect(en.text).toContain(link);
      expect(ja.html).toContain(link);
    }
  });

  it('escapes names in HTML', () => {
    const email = renderEmail('verify', 'en', { name: '<script>alert(1)</script>', link: 'https://x/?a=1&b=2' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&#60;script&#62;');
  });
});
