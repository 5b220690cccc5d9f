import { Module } from '@nestjs/common';
import { AccountEmailsHandler } from './account-emails.handler.js';
import { Mailer } from './mailer.js';

@Module({ providers: [Mailer, AccountEmailsHandler], exports: [Mailer, AccountEmailsHandler] })
export class MailModule {}
