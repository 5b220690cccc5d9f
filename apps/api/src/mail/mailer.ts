import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CONFIG, type Config } from '../config/config.js';
import type { RenderedEmail } from './templates.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000
const NON_ASCII = /[^\u0000-\u007f]/;

/** SMTP over a connection pool; any SMTP server from config (a loopback sink in development and tests). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;
  readonly hostname: string;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    const url = new URL(config.SMTP_URL);
    url.searchParams.set('pool', 'true');
    this.transport = nodemailer.createTransport(url.toString());
    this.hostname = new URL(config.PUBLIC_URL).hostname;
  }

  /** Sends one message; `messageId` lets duplicates be recognised downstream. */
  async send(to: string, email: RenderedEmail, messageId: string): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // Chosen here with one test rather than by nodemailer scanning every part of every message (a third of
      // its CPU per email): quoted-printable keeps ASCII text readable, base64 keeps Japanese text compact.
      textEncoding: NON_ASCII.test(email.text) ? 'base64' : 'quoted-printable',
      messageId,
      ...(email.headers ? { headers: email.headers } : {}),
    });
    return info.messageId;
  }

  onApplicationShutdown() {
    this.transport.close();
  }
}
