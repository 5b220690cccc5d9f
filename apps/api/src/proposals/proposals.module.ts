import { Module } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { MailModule } from '../mail/mail.module.js';
import { LocalDiskStorage, STORAGE } from '../storage/storage.js';
import { AttachmentsService } from './attachments.service.js';
import { InvitationEmailHandler } from './invitation-email.handler.js';
import { ProposalsController } from './proposals.controller.js';
import { ProposalsService } from './proposals.service.js';

@Module({
  imports: [MailModule],
  controllers: [ProposalsController],
  providers: [
    ProposalsService,
    AttachmentsService,
    InvitationEmailHandler,
    { provide: STORAGE, inject: [CONFIG], useFactory: (c: Config) => new LocalDiskStorage(c.STORAGE_DIR) },
  ],
  exports: [ProposalsService, InvitationEmailHandler],
})
export class ProposalsModule {}
