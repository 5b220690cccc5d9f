-- CreateEnum
CREATE TYPE "PoolStatus" AS ENUM ('INVITED', 'ACCEPTED', 'DECLINED');

-- CreateEnum
CREATE TYPE "ConflictSource" AS ENUM ('DETECTED', 'DECLARED', 'MANAGER');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('PROPOSED', 'INVITED', 'ACCEPTED', 'DECLINED', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "Recommendation" AS ENUM ('FUND', 'FUND_WITH_CHANGES', 'DO_NOT_FUND');

-- CreateEnum
CREATE TYPE "ConsensusStatus" AS ENUM ('DRAFT', 'PROPOSED', 'APPROVED');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('FUNDED', 'RESERVE', 'NOT_FUNDED');

-- CreateTable
CREATE TABLE "ReviewerProfile" (
    "userId" UUID NOT NULL,
    "keywords" TEXT[],
    "expertise" TEXT NOT NULL DEFAULT '',
    "publications" JSONB NOT NULL DEFAULT '[]',
    "themes" TEXT[],
    "collaborators" TEXT[],
    "maxLoadPerCall" INTEGER NOT NULL DEFAULT 6,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "unavailableUntil" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewerProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ReviewerAffiliation" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,

    CONSTRAINT "ReviewerAffiliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallReviewSettings" (
    "callId" UUID NOT NULL,
    "reviewDeadline" TIMESTAMPTZ(3),
    "blindReview" BOOLEAN NOT NULL DEFAULT false,
    "reminderDaysBefore" INTEGER[] DEFAULT ARRAY[7, 1]::INTEGER[],
    "overdueEveryDays" INTEGER NOT NULL DEFAULT 3,
    "minLoad" INTEGER NOT NULL DEFAULT 0,
    "onePerCountry" BOOLEAN NOT NULL DEFAULT false,
    "outsideCountry" BOOLEAN NOT NULL DEFAULT false,
    "decisionsReleasedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallReviewSettings_pkey" PRIMARY KEY ("callId")
);

-- CreateTable
CREATE TABLE "CallReviewer" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "userId" UUID,
    "status" "PoolStatus" NOT NULL DEFAULT 'INVITED',
    "maxLoad" INTEGER,
    "tokenHash" TEXT,
    "invitedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "respondedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CallReviewer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictOfInterest" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "source" "ConflictSource" NOT NULL,
    "reason" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" TIMESTAMPTZ(3),
    "liftedById" UUID,
    "liftReason" TEXT,

    CONSTRAINT "ConflictOfInterest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAssignment" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'PROPOSED',
    "ordinal" INTEGER NOT NULL,
    "affinity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "matchedTerms" JSONB NOT NULL DEFAULT '[]',
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "tokenHash" TEXT,
    "invitedAt" TIMESTAMPTZ(3),
    "respondedAt" TIMESTAMPTZ(3),
    "declineReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "scores" JSONB NOT NULL DEFAULT '{}',
    "commentsToApplicants" TEXT NOT NULL DEFAULT '',
    "confidentialComments" TEXT NOT NULL DEFAULT '',
    "confidence" INTEGER,
    "recommendation" "Recommendation",
    "weightedScore" DECIMAL(7,3),
    "status" "ReviewStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewRevision" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiscussionMessage" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiscussionMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsensusReport" (
    "proposalId" UUID NOT NULL,
    "rapporteurId" UUID NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "status" "ConsensusStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "approvedBy" TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsensusReport_pkey" PRIMARY KEY ("proposalId")
);

-- CreateTable
CREATE TABLE "FundingDecision" (
    "proposalId" UUID NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedById" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundingDecision_pkey" PRIMARY KEY ("proposalId")
);

-- CreateIndex
CREATE INDEX "ReviewerAffiliation_userId_idx" ON "ReviewerAffiliation"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CallReviewer_tokenHash_key" ON "CallReviewer"("tokenHash");

-- CreateIndex
CREATE INDEX "CallReviewer_userId_idx" ON "CallReviewer"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CallReviewer_callId_email_key" ON "CallReviewer"("callId", "email");

-- CreateIndex
CREATE INDEX "ConflictOfInterest_reviewerId_active_idx" ON "ConflictOfInterest"("reviewerId", "active");

-- CreateIndex
CREATE INDEX "ConflictOfInterest_callId_idx" ON "ConflictOfInterest"("callId");

-- CreateIndex
CREATE UNIQUE INDEX "ConflictOfInterest_proposalId_reviewerId_source_key" ON "ConflictOfInterest"("proposalId", "reviewerId", "source");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAssignment_tokenHash_key" ON "ReviewAssignment"("tokenHash");

-- CreateIndex
CREATE INDEX "ReviewAssignment_reviewerId_status_idx" ON "ReviewAssignment"("reviewerId", "status");

-- CreateIndex
CREATE INDEX "ReviewAssignment_callId_status_idx" ON "ReviewAssignment"("callId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAssignment_proposalId_reviewerId_key" ON "ReviewAssignment"("proposalId", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_assignmentId_key" ON "Review"("assignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRevision_reviewId_number_key" ON "ReviewRevision"("reviewId", "number");

-- CreateIndex
CREATE INDEX "DiscussionMessage_proposalId_createdAt_idx" ON "DiscussionMessage"("proposalId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReviewerProfile" ADD CONSTRAINT "ReviewerProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerAffiliation" ADD CONSTRAINT "ReviewerAffiliation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerAffiliation" ADD CONSTRAINT "ReviewerAffiliation_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallReviewSettings" ADD CONSTRAINT "CallReviewSettings_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallReviewer" ADD CONSTRAINT "CallReviewer_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallReviewer" ADD CONSTRAINT "CallReviewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallReviewer" ADD CONSTRAINT "CallReviewer_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictOfInterest" ADD CONSTRAINT "ConflictOfInterest_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictOfInterest" ADD CONSTRAINT "ConflictOfInterest_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "ReviewAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewRevision" ADD CONSTRAINT "ReviewRevision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscussionMessage" ADD CONSTRAINT "DiscussionMessage_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DiscussionMessage" ADD CONSTRAINT "DiscussionMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsensusReport" ADD CONSTRAINT "ConsensusReport_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsensusReport" ADD CONSTRAINT "ConsensusReport_rapporteurId_fkey" FOREIGN KEY ("rapporteurId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingDecision" ADD CONSTRAINT "FundingDecision_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingDecision" ADD CONSTRAINT "FundingDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: a submitted review's revisions are history; they are never rewritten
-- (deleting the review, with its proposal, still cascades).
CREATE FUNCTION "review_revision_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ReviewRevision is immutable: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Submit the review again to record a new revision.';
END;
$$;

CREATE TRIGGER "ReviewRevision_immutable"
BEFORE UPDATE ON "ReviewRevision"
FOR EACH STATEMENT EXECUTE FUNCTION "review_revision_immutable"();
