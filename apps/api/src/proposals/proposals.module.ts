import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { InvitationEmailHandler } from './invitation-email.handler.js';
import { ProposalsController } from './proposals.controller.js';
import { ProposalsService } from './proposals.service.js';

@Module({
  imports: [MailModule],
  controllers: [ProposalsController],
  providers: [ProposalsService, InvitationEmailHandler],
  exports: [ProposalsService, InvitationEmailHandler],
})
export class ProposalsModule {}
