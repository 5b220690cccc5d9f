import { Module } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { LiveModule } from '../live/live.module.js';
import { MailModule } from '../mail/mail.module.js';
import { createStorage } from '../storage/create-storage.js';
import { STORAGE } from '../storage/storage.js';
import { AttachmentsService } from './attachments.service.js';
import { CommentsService } from './comments.service.js';
import { InvitationEmailHandler } from './invitation-email.handler.js';
import { ManageProposalsController } from './manage/manage-proposals.controller.js';
import { ManageProposalsService } from './manage/manage-proposals.service.js';
import { ProposalsController } from './proposals.controller.js';
import { ProposalsService } from './proposals.service.js';

@Module({
  imports: [MailModule, LiveModule],
  controllers: [ProposalsController, ManageProposalsController],
  providers: [
    ProposalsService,
    AttachmentsService,
    CommentsService,
    ManageProposalsService,
    InvitationEmailHandler,
    { provide: STORAGE, inject: [CONFIG], useFactory: (c: Config) => createStorage(c) },
  ],
  exports: [ProposalsService, InvitationEmailHandler, ManageProposalsService, STORAGE],
})
export class ProposalsModule {}
