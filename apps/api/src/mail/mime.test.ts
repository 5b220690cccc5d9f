import { describe, expect, it } from 'vitest';
import { layoutEmail } from './layout.js';
import { composeMime, mimeSender, NON_ASCII } from './mime.js';

/** The header block unfolded, by lower-case name. */
function headers(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
  return new Map(
    head
      .split('\r\n')
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/** RFC 2047 encoded words ("B" encoding) back to text; adjacent words join without the space between them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The parts of the multipart/alternative body: content type, transfer encoding, decoded text. */
function parts(raw: string) {
  const boundary = /boundary="([^"]+)"/.exec(headers(raw).get('content-type') ?? '')![1]!;
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const whole = part.replace(/^\r\n/, '');
      const head = whole.slice(0, whole.indexOf('\r\n\r\n'));
      const content = whole.slice(head.length + 4);
      const type = /Content-Type: ([^;\r]+)/.exec(head)![1];
      const encoding = /Content-Transfer-Encoding: (\S+)/.exec(head)![1];
      const text =
        encoding === 'base64'
          ? Buffer.from(content.replace(/\r\n/g, ''), 'base64').toString('utf8')
          : decodeQuotedPrintable(content.replace(/\r\n$/, ''));
      return { type, encoding, text: text.replace(/\r\n$/, '') };
    });
}

const unsubscribe = {
  label: 'Unsubscribe from these emails',
  url: 'https://kizuna.example/unsubscribe?token=0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000.ANNOUNCEMENTS.abcdefghijklmnop',
  oneClickUrl: 'https://kizuna.example/api/notifications/unsubscribe?token=0190aaaa.ANNOUNCEMENTS.abcdefghijklmnop',
};

describe('composeMime', () => {
  it('writes an ASCII, CRLF message with the headers of the email and quoted-printable English bodies', () => {
    const email = layoutEmail('en', {
      subject: 'Kizuna announcement: the joint call = open',
      greeting: 'Dear Ana,',
      paragraphs: [`A line with a trailing space \n.a line starting with a dot\n${'long '.repeat(60)}`],
      action: { label: 'Read it on Kizuna', url: 'https://kizuna.example/notifications' },
      unsubscribe,
    });
    const raw = composeMime(
      mimeSender('Kizuna <no-reply@kizuna.test>'),
      'ana@example.test',
      email,
      '<abc123@kizuna.example>',
    );
    expect(raw).not.toMatch(NON_ASCII);
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(Math.max(...raw.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998);
    const h = headers(raw);
    expect(h.get('from')).toBe('Kizuna <no-reply@kizuna.test>');
    expect(h.get('to')).toBe('ana@example.test');
    expect(h.get('subject')).toBe(email.subject);
    expect(h.get('message-id')).toBe('<abc123@kizuna.example>');
    expect(h.get('mime-version')).toBe('1.0');
    expect(new Date(h.get('date')!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(h.get('list-unsubscribe')).toBe(`<${unsubscribe.oneClickUrl}>`);
    expect(h.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(parts(raw)).toEqual([
      { type: 'text/plain', encoding: 'quoted-printable', text: email.text.replace(/\n/g, '\r\n') },
      { type: 'text/html', encoding: 'quoted-printable', text: email.html },
    ]);
  });

  it('encodes a Japanese subject per RFC 2047 and Japanese bodies in base64, lines within 76 characters', () => {
    const email = layoutEmail('ja', {
      subject: '【Kizuna お知らせ】2027年度 ASEAN–日本 共同公募（防災・減災）の募集を開始しました',
      greeting: '花子 様',
      paragraphs: ['防災に関する共同公募の募集を開始しました。締切は3月31日です。'],
      action: { label: 'お知らせを見る', url: 'https://kizuna.example/notifications' },
      unsubscribe,
    });
    const raw = composeMime(mimeSender('Kizuna 絆 <no-reply@kizuna.test>'), 'hanako@example.test', email, '<x@y>');
    expect(raw).not.toMatch(NON_ASCII);
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(
      Math.max(
        ...head
          .split('\r\n')
          .filter((l) => !l.includes('unsubscribe?'))
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(78);
    const h = headers(raw);
    expect(h.get('subject')).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeWords(h.get('subject')!)).toBe(email.subject);
    expect(decodeWords(h.get('from')!)).toBe('Kizuna 絆 <no-reply@kizuna.test>');
    const [text, html] = parts(raw);
    expect(text).toEqual({ type: 'text/plain', encoding: 'base64', text: email.text.replace(/\n/g, '\r\n') });
    expect(html).toEqual({ type: 'text/html', encoding: 'base64', text: email.html });
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    expect(Math.max(...body.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(76);
  });

  it('keeps CR and LF out of header values', () => {
    const email = { subject: 'Hello\r\nBcc: someone@evil.test', text: 'x', html: '<p>x</p>' };
    const raw = composeMime(mimeSender('no-reply@kizuna.test'), 'ana@example.test', email, '<x@y>');
    expect(headers(raw).has('bcc')).toBe(false);
    expect(headers(raw).get('from')).toBe('no-reply@kizuna.test');
  });
});
