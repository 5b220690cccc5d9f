import { Module } from '@nestjs/common';
import { AccountEmailsHandler } from './account-emails.handler.js';
import { DeliverOnce } from './deliver-once.js';
import { MAIL_DB, MailDbCloser, mailDbProvider } from './mail-db.js';
import { Mailer } from './mailer.js';

@Module({
  providers: [Mailer, mailDbProvider, MailDbCloser, DeliverOnce, AccountEmailsHandler],
  exports: [Mailer, MAIL_DB, DeliverOnce, AccountEmailsHandler],
})
export class MailModule {}
