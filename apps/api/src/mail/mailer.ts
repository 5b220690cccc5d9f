import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CONFIG, type Config } from '../config/config.js';
import type { RenderedEmail } from './templates.js';

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
      messageId,
      ...(email.headers ? { headers: email.headers } : {}),
    });
    return info.messageId;
  }

  onApplicationShutdown() {
    this.transport.close();
  }
}
