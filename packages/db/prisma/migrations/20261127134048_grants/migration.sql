-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('AWARDED', 'ACTIVE', 'SUSPENDED', 'FINAL_REPORT_DUE', 'CLOSED');

-- CreateEnum
CREATE TYPE "GrantMilestoneStatus" AS ENUM ('PENDING', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "GrantReportKind" AS ENUM ('PERIODIC', 'FINAL');

-- CreateEnum
CREATE TYPE "GrantReportStatus" AS ENUM ('DUE', 'SUBMITTED', 'RETURNED', 'ACCEPTED');

-- CreateEnum
CREATE TYPE "TrancheCondition" AS ENUM ('AGREEMENT', 'REPORT', 'MILESTONE');

-- CreateEnum
CREATE TYPE "TrancheStatus" AS ENUM ('PLANNED', 'RELEASED');

-- CreateEnum
CREATE TYPE "AmendmentKind" AS ENUM ('BUDGET_REALLOCATION', 'NO_COST_EXTENSION', 'PARTNER_CHANGE');

-- CreateEnum
CREATE TYPE "AmendmentStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "GrantNumberSequence" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "GrantNumberSequence_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "proposalId" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "status" "GrantStatus" NOT NULL DEFAULT 'AWARDED',
    "suspendedFrom" "GrantStatus",
    "suspensionReason" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "reportingPeriodMonths" INTEGER NOT NULL DEFAULT 12,
    "currency" CHAR(3) NOT NULL,
    "rates" JSONB NOT NULL DEFAULT '{}',
    "indirectRate" DECIMAL(5,4) NOT NULL,
    "adjustmentReason" TEXT,
    "agreementVersion" INTEGER NOT NULL DEFAULT 1,
    "agreementIssuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awardedById" UUID NOT NULL,
    "awardedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantPartner" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "role" "PartnerRole" NOT NULL,
    "agencyId" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantPartner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantBudgetLine" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "originalAmount" DECIMAL(18,2),

    CONSTRAINT "GrantBudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantAcknowledgement" (
    "grantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantAcknowledgement_pkey" PRIMARY KEY ("grantId","version","userId")
);

-- CreateTable
CREATE TABLE "GrantMilestone" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "workPackage" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "verification" TEXT NOT NULL DEFAULT '',
    "dueMonth" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "GrantMilestoneStatus" NOT NULL DEFAULT 'PENDING',
    "evidence" TEXT,
    "links" TEXT[],
    "submittedAt" TIMESTAMPTZ(3),
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewComment" TEXT,

    CONSTRAINT "GrantMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantReport" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "kind" "GrantReportKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "GrantReportStatus" NOT NULL DEFAULT 'DUE',
    "content" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" UUID,
    "reviewComment" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GrantReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantReportSpending" (
    "reportId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,

    CONSTRAINT "GrantReportSpending_pkey" PRIMARY KEY ("reportId","partnerId","category")
);

-- CreateTable
CREATE TABLE "GrantTranche" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "callAmount" DECIMAL(18,2) NOT NULL,
    "condition" "TrancheCondition" NOT NULL,
    "reportId" UUID,
    "milestoneId" UUID,
    "status" "TrancheStatus" NOT NULL DEFAULT 'PLANNED',
    "plannedDate" DATE,
    "paidOn" DATE,
    "reference" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedById" UUID,
    "releasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "GrantTranche_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantAmendment" (
    "id" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "AmendmentKind" NOT NULL,
    "status" "AmendmentStatus" NOT NULL DEFAULT 'REQUESTED',
    "justification" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "changes" JSONB,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionComment" TEXT,

    CONSTRAINT "GrantAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GrantEvent" (
    "id" BIGSERIAL NOT NULL,
    "grantId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" UUID,
    "actorId" UUID,
    "comment" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Grant_number_key" ON "Grant"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Grant_proposalId_key" ON "Grant"("proposalId");

-- CreateIndex
CREATE INDEX "Grant_programmeId_status_idx" ON "Grant"("programmeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "GrantPartner_grantId_institutionId_key" ON "GrantPartner"("grantId", "institutionId");

-- CreateIndex
CREATE UNIQUE INDEX "GrantBudgetLine_grantId_partnerId_year_category_key" ON "GrantBudgetLine"("grantId", "partnerId", "year", "category");

-- CreateIndex
CREATE INDEX "GrantMilestone_grantId_ordinal_idx" ON "GrantMilestone"("grantId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "GrantReport_grantId_kind_number_key" ON "GrantReport"("grantId", "kind", "number");

-- CreateIndex
CREATE INDEX "GrantTranche_partnerId_idx" ON "GrantTranche"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "GrantTranche_grantId_number_key" ON "GrantTranche"("grantId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "GrantAmendment_grantId_number_key" ON "GrantAmendment"("grantId", "number");

-- CreateIndex
CREATE INDEX "GrantEvent_grantId_createdAt_idx" ON "GrantEvent"("grantId", "createdAt");

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantPartner" ADD CONSTRAINT "GrantPartner_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantPartner" ADD CONSTRAINT "GrantPartner_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantPartner" ADD CONSTRAINT "GrantPartner_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantBudgetLine" ADD CONSTRAINT "GrantBudgetLine_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantBudgetLine" ADD CONSTRAINT "GrantBudgetLine_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "GrantPartner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantAcknowledgement" ADD CONSTRAINT "GrantAcknowledgement_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantMilestone" ADD CONSTRAINT "GrantMilestone_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantReport" ADD CONSTRAINT "GrantReport_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantReportSpending" ADD CONSTRAINT "GrantReportSpending_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "GrantReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantReportSpending" ADD CONSTRAINT "GrantReportSpending_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "GrantPartner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantTranche" ADD CONSTRAINT "GrantTranche_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantTranche" ADD CONSTRAINT "GrantTranche_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "GrantPartner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantTranche" ADD CONSTRAINT "GrantTranche_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "GrantReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantTranche" ADD CONSTRAINT "GrantTranche_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "GrantMilestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantAmendment" ADD CONSTRAINT "GrantAmendment_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GrantEvent" ADD CONSTRAINT "GrantEvent_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
