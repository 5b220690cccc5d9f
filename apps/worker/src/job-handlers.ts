import { AnnouncementsService } from '@kizuna/api/announcements/announcements.service';
import { CallsService } from '@kizuna/api/calls/calls.service';
import { GrantReminders } from '@kizuna/api/grants/grant-reminders';
import type { JobHandlers } from '@kizuna/api/jobs/handlers';
import { Queues } from '@kizuna/api/jobs/queues';
import { AccountEmailsHandler } from '@kizuna/api/mail/account-emails.handler';
import { NotificationService } from '@kizuna/api/notifications/notification.service';
import { NotificationEmailsHandler } from '@kizuna/api/notifications/notification-emails.handler';
import { InvitationEmailHandler } from '@kizuna/api/proposals/invitation-email.handler';
import { ManageProposalsService } from '@kizuna/api/proposals/manage/manage-proposals.service';
import { AssignmentService } from '@kizuna/api/reviews/assignment.service';
import { ReviewEmailsHandler } from '@kizuna/api/reviews/review-emails.handler';
import { ReviewReminders } from '@kizuna/api/reviews/review-reminders';
import { Inject, Injectable } from '@nestjs/common';

/** Which feature handles each job. The mapped type makes a missing handler a compile error. */
@Injectable()
export class JobHandlersRegistry {
  constructor(
    @Inject(AccountEmailsHandler) private readonly account: AccountEmailsHandler,
    @Inject(NotificationEmailsHandler) private readonly emails: NotificationEmailsHandler,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(AnnouncementsService) private readonly announcements: AnnouncementsService,
    @Inject(CallsService) private readonly calls: CallsService,
    @Inject(InvitationEmailHandler) private readonly invitations: InvitationEmailHandler,
    @Inject(ManageProposalsService) private readonly manageProposals: ManageProposalsService,
    @Inject(Queues) private readonly queues: Queues,
    @Inject(ReviewEmailsHandler) private readonly reviewEmails: ReviewEmailsHandler,
    @Inject(AssignmentService) private readonly assignment: AssignmentService,
    @Inject(ReviewReminders) private readonly reminders: ReviewReminders,
    @Inject(GrantReminders) private readonly grantReminders: GrantReminders,
  ) {}

  readonly handlers: JobHandlers = {
    'email.verify': (p, ctx) => this.account.handle('email.verify', p, ctx.jobId),
    'email.passwordReset': (p, ctx) => this.account.handle('email.passwordReset', p, ctx.jobId),
    'email.accountExists': (p, ctx) => this.account.handle('email.accountExists', p, ctx.jobId),
    'email.passwordChanged': (p, ctx) => this.account.handle('email.passwordChanged', p, ctx.jobId),
    'email.invitation': (p, ctx) => this.invitations.handle(p.invitationId, ctx.jobId),
    'notification.email': (p) => this.emails.sendNotification(p.notificationId),
    'notification.emails': (p) => this.emails.sendNotifications(p.notificationIds),
    'inbox.push': (p) => this.notifications.pushUnreadMany(p.userIds),
    'digest.tick': async () => {
      const due = await this.emails.dueDigests();
      await this.queues
        .get('notifications')
        .addBulk(due.map((d) => ({ name: 'digest.send', data: d, opts: { jobId: `digest-${d.userId}-${d.day}` } })));
      return { queued: due.length };
    },
    'digest.send': (p) => this.emails.sendDigest(p.userId, p.day),
    'announcement.fanout': (p, ctx) => this.announcements.fanOut(p.announcementId, p.jobRunId, ctx),
    'call.open': (p) => this.calls.transition(p.callId, 'OPEN'),
    'call.close': (p) => this.calls.transition(p.callId, 'CLOSED'),
    'calls.tick': () => this.calls.overdueTransitions(),
    'eligibility.run': (p, ctx) => this.manageProposals.runEligibility(p.callId, p.jobRunId, ctx),
    'email.reviewPool': (p, ctx) => this.reviewEmails.pool(p.callReviewerId, ctx.jobId),
    'email.reviewInvitation': (p, ctx) => this.reviewEmails.reviewInvitation(p.assignmentId, ctx.jobId),
    'assignment.run': (p) => this.assignment.run(p.callId, p.jobRunId),
    'reviews.tick': () => this.reminders.tick(),
    'grant.reportReminder': (p) => this.grantReminders.handle(p),
  };
}
