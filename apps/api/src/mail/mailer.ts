import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CONFIG, type Config } from '../config/config.js';
import { composeMime, type MimeSender, mimeSender, NON_ASCII } from './mime.js';
import { SmtpPool, smtpOptionsFromUrl } from './smtp-client.js';
import type { RenderedEmail } from './templates.js';

/**
 * Until our client's TLS, STARTTLS and AUTH paths have run against real servers, it only takes plain SMTP to a relay
 * on this machine (the development and test sink, a local MTA); every other SMTP_URL goes through nodemailer.
 */
function plainLoopback(options: { host: string; secure: boolean; auth: unknown; requireTLS: boolean }): boolean {
  const loopback = options.host === 'localhost' || options.host === '::1' || /^127\./.test(options.host);
  return loopback && !options.secure && !options.auth && !options.requireTLS;
}

/**
 * SMTP over a connection pool; any SMTP server from config (a loopback sink in development and
 * tests). Messages are composed here (composeMime) and sent by our pipelining client (SmtpPool)
 * for plain SMTP to a loopback relay; for any other URL, and for internationalised recipient addresses,
 * nodemailer composes and sends.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly pool: SmtpPool | null;
  private transport: Transporter | null = null;
  private readonly sender: MimeSender;
  readonly hostname: string;
  /** SMTP connections of the pool: how many messages can be on the wire at once. */
  readonly maxConnections: number;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    const options = smtpOptionsFromUrl(config.SMTP_URL);
    this.pool = options && plainLoopback(options) ? new SmtpPool({ ...options, ignoreTLS: true }) : null;
    this.maxConnections =
      options?.maxConnections ?? (Number(new URL(config.SMTP_URL).searchParams.get('maxConnections')) || 5);
    this.hostname = new URL(config.PUBLIC_URL).hostname;
    this.sender = mimeSender(config.MAIL_FROM);
  }

  /** Sends one message; `messageId` lets duplicates be recognised downstream. Resolves once the server accepted it. */
  async send(to: string, email: RenderedEmail, messageId: string): Promise<string> {
    if (!this.pool || NON_ASCII.test(to)) return this.sendWithNodemailer(to, email, messageId);
    await this.pool.send(this.sender.address, to, composeMime(this.sender, to, email, messageId));
    return messageId;
  }

  private async sendWithNodemailer(to: string, email: RenderedEmail, messageId: string): Promise<string> {
    if (!this.transport) {
      const url = new URL(this.config.SMTP_URL);
      url.searchParams.set('pool', 'true');
      this.transport = nodemailer.createTransport(url.toString());
    }
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      textEncoding: NON_ASCII.test(email.text) ? 'base64' : 'quoted-printable',
      messageId,
      ...(email.headers ? { headers: email.headers } : {}),
    });
    return info.messageId;
  }

  async onApplicationShutdown() {
    this.transport?.close();
    await this.pool?.close();
  }
}
