import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { ProposalsModule } from '../proposals/proposals.module.js';
import { AssignmentService } from './assignment.service.js';
import { ConflictsService } from './conflicts.service.js';
import { EvaluationController } from './evaluation.controller.js';
import { EvaluationService } from './evaluation.service.js';
import { PoolService } from './pool.service.js';
import { ProfileService } from './profile.service.js';
import { ReviewAccess } from './review-access.js';
import { ReviewEmailsHandler } from './review-emails.handler.js';
import { ReviewReminders } from './review-reminders.js';
import { ReviewerController } from './reviewer.controller.js';
import { ReviewsService } from './reviews.service.js';

@Module({
  imports: [MailModule, ProposalsModule],
  controllers: [ReviewerController, EvaluationController],
  providers: [
    ReviewAccess,
    ConflictsService,
    ProfileService,
    PoolService,
    AssignmentService,
    ReviewsService,
    EvaluationService,
    ReviewEmailsHandler,
    ReviewReminders,
  ],
  exports: [AssignmentService, ReviewEmailsHandler, ReviewReminders],
})
export class ReviewsModule {}
