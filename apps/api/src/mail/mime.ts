import addressparser from 'nodemailer/lib/addressparser';
import * as base64 from 'nodemailer/lib/base64';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import type { RenderedEmail } from './layout.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000
export const NON_ASCII = /[^\u0000-\u007f]/;
const LINE_BREAKS = /\r\n|\r|\n/g;

/** The sender of every email, parsed once: its header form and its envelope address. */
export interface MimeSender {
  header: string;
  address: string;
}

/** Parses MAIL_FROM ("Name <address>" or a bare address); a non-ASCII name is encoded per RFC 2047. */
export function mimeSender(mailFrom: string): MimeSender {
  const [parsed] = addressparser(mailFrom, { flatten: true });
  const address = parsed?.address;
  if (!address) throw new Error(`MAIL_FROM has no address: ${mailFrom}`);
  const name = parsed.name?.trim();
  if (!name) return { header: address, address };
  const phrase = NON_ASCII.test(name)
    ? mimeFuncs.encodeWords(name, 'B', 52, true)
    : /^[\w !#$%&'*+\-/=?^`{|}~]*$/.test(name)
      ? name
      : mimeFuncs.quoteString(name);
  return { header: `${phrase} <${address}>`, address };
}

/** One header line, folded at 76 characters as nodemailer does; no CR or LF can get in from the value. */
function header(name: string, value: string): string {
  const flat = value.replace(LINE_BREAKS, ' ');
  const encoded = NON_ASCII.test(flat) ? mimeFuncs.encodeWords(flat, 'B', 52, true) : flat;
  return mimeFuncs.foldLines(`${name}: ${encoded}`, 76);
}

/** RFC 5322 date, e.g. "Fri, 27 Nov 2026 13:35:41 +0000". */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * Quoted-printable keeps mostly-ASCII text readable and small (an em dash costs nine bytes);
 * base64 is smaller for mostly non-ASCII text such as Japanese (a kana would cost nine in QP).
 * Whichever is shorter, from a count of the UTF-8 bytes that QP has to escape.
 */
function useBase64(text: string): boolean {
  if (!NON_ASCII.test(text)) return false;
  const bytes = Buffer.byteLength(text, 'utf8');
  let ascii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) ascii += 1;
  return ascii + 3 * (bytes - ascii) > (bytes * 4) / 3;
}

function part(contentType: string, body: string): string {
  // Text is sent in its canonical form: CRLF line breaks.
  const canonical = body.replace(LINE_BREAKS, '\r\n');
  const base64Body = useBase64(canonical);
  const encoded = base64Body
    ? base64.wrap(Buffer.from(canonical, 'utf8').toString('base64'), 76)
    : qp.wrap(qp.encode(canonical), 76);
  return `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: ${base64Body ? 'base64' : 'quoted-printable'}\r\n\r\n${encoded}\r\n`;
}

/**
 * The whole message (RFC 5322 + MIME) of one of our templated emails, ready for SMTP: headers
 * (From, To, Subject encoded per RFC 2047 when not ASCII, Message-ID, Date, the template's extra
 * headers such as List-Unsubscribe) and a multipart/alternative body with the text and the HTML.
 * Each body is quoted-printable or base64, whichever is shorter for it (see useBase64).
 * The output is ASCII only, with CRLF line breaks. It does what nodemailer's composer does for
 * these messages without its stream machinery, which cost a third of the worker's CPU per email.
 * `to` must be an ASCII address (Mailer falls back to nodemailer for any other).
 */
export function composeMime(
  from: MimeSender,
  to: string,
  email: RenderedEmail,
  messageId: string,
  date = new Date(),
): string {
  // "=_" can appear neither in quoted-printable ("=" is followed by hex digits or a line break)
  // nor in base64, so no body line can look like this boundary.
  const boundary = `--=_kizuna_${messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
  const lines = [
    header('From', from.header),
    header('To', to),
    header('Subject', email.subject),
    header('Message-ID', messageId),
    `Date: ${rfc5322Date(date)}`,
    'MIME-Version: 1.0',
  ];
  for (const [name, value] of Object.entries(email.headers ?? {})) lines.push(header(name, value));
  lines.push(`Content-Type: multipart/alternative;\r\n boundary="${boundary}"`);
  return (
    `${lines.join('\r\n')}\r\n\r\n` +
    `--${boundary}\r\n${part('text/plain', email.text)}` +
    `--${boundary}\r\n${part('text/html', email.html)}` +
    `--${boundary}--\r\n`
  );
}
