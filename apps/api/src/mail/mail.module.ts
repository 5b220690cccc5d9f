import { Module } from '@nestjs/common';
import { AccountEmailsHandler } from './account-emails.handler.js';
import { DeliverOnce } from './deliver-once.js';
import { Mailer } from './mailer.js';

@Module({
  providers: [Mailer, DeliverOnce, AccountEmailsHandler],
  exports: [Mailer, DeliverOnce, AccountEmailsHandler],
})
export class MailModule {}
