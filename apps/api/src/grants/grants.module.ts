import { Module } from '@nestjs/common';
import { ProposalsModule } from '../proposals/proposals.module.js';
import { AmendmentsService } from './amendments.service.js';
import { GrantCore } from './grant-core.js';
import { GrantReminders } from './grant-reminders.js';
import { GrantsController } from './grants.controller.js';
import { GrantsService } from './grants.service.js';
import { MilestonesService } from './milestones.service.js';
import { PortfolioController } from './portfolio.controller.js';
import { PortfolioService } from './portfolio.service.js';
import { ReportsService } from './reports.service.js';
import { TranchesService } from './tranches.service.js';

@Module({
  // For the file storage (milestone evidence files).
  imports: [ProposalsModule],
  // The portfolio first: its fixed paths (/grants/portfolio, /grants/export) win over /grants/:id.
  controllers: [PortfolioController, GrantsController],
  providers: [
    GrantCore,
    GrantReminders,
    GrantsService,
    MilestonesService,
    ReportsService,
    TranchesService,
    AmendmentsService,
    PortfolioService,
  ],
  exports: [GrantReminders],
})
export class GrantsModule {}
