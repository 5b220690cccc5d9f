-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'WITHDRAWN', 'ELIGIBLE', 'INELIGIBLE', 'IN_REVIEW', 'FUNDED', 'RESERVE', 'NOT_FUNDED');

-- CreateEnum
CREATE TYPE "PartnerRole" AS ENUM ('LEAD', 'PARTNER');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('LEAD_PI', 'PARTNER_PI', 'COLLABORATOR');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED');

-- CreateTable
CREATE TABLE "Proposal" (
    "id" UUID NOT NULL,
    "callId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "acronym" TEXT NOT NULL,
    "abstract" TEXT NOT NULL DEFAULT '',
    "keywords" TEXT[],
    "theme" TEXT NOT NULL,
    "durationMonths" INTEGER,
    "status" "ProposalStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "budgetVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalPartner" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "institutionId" UUID NOT NULL,
    "role" "PartnerRole" NOT NULL,
    "agencyId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalPartner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalMember" (
    "proposalId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "role" "MemberRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalMember_pkey" PRIMARY KEY ("proposalId","userId")
);

-- CreateTable
CREATE TABLE "ProposalInvitation" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL,
    "institutionId" UUID NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'PENDING',
    "tokenHash" TEXT,
    "invitedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "respondedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProposalInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalSection" (
    "proposalId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "content" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProposalSection_pkey" PRIMARY KEY ("proposalId","key")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalSubmission" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" UUID NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "ProposalSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Proposal_callId_status_idx" ON "Proposal"("callId", "status");

-- CreateIndex
CREATE INDEX "Proposal_createdById_idx" ON "Proposal"("createdById");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalPartner_proposalId_institutionId_key" ON "ProposalPartner"("proposalId", "institutionId");

-- CreateIndex
CREATE INDEX "ProposalMember_userId_idx" ON "ProposalMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalInvitation_tokenHash_key" ON "ProposalInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "ProposalInvitation_proposalId_idx" ON "ProposalInvitation"("proposalId");

-- CreateIndex
CREATE INDEX "ProposalInvitation_email_idx" ON "ProposalInvitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetLine_proposalId_partnerId_year_category_key" ON "BudgetLine"("proposalId", "partnerId", "year", "category");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalSubmission_proposalId_number_key" ON "ProposalSubmission"("proposalId", "number");

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalPartner" ADD CONSTRAINT "ProposalPartner_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalPartner" ADD CONSTRAINT "ProposalPartner_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalPartner" ADD CONSTRAINT "ProposalPartner_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalMember" ADD CONSTRAINT "ProposalMember_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalMember" ADD CONSTRAINT "ProposalMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalMember" ADD CONSTRAINT "ProposalMember_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "ProposalPartner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalInvitation" ADD CONSTRAINT "ProposalInvitation_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalInvitation" ADD CONSTRAINT "ProposalInvitation_institutionId_fkey" FOREIGN KEY ("institutionId") REFERENCES "Institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalInvitation" ADD CONSTRAINT "ProposalInvitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalSection" ADD CONSTRAINT "ProposalSection_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "ProposalPartner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalSubmission" ADD CONSTRAINT "ProposalSubmission_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- -----------------------------------------------------------------------------
-- Hand-written below this line (not generated by the schema engine).
--
-- A submission snapshot is immutable: what the consortium submitted is exactly
-- what reviewers and managers read later. Rows are only ever inserted (deleted
-- with their proposal by the foreign key's cascade, which is a DELETE too, so
-- only UPDATE is refused here).
-- -----------------------------------------------------------------------------

-- CreateFunction
CREATE FUNCTION "proposal_submission_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ProposalSubmission is immutable: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Submit again to record a new snapshot.';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "ProposalSubmission_immutable"
BEFORE UPDATE ON "ProposalSubmission"
FOR EACH STATEMENT EXECUTE FUNCTION "proposal_submission_immutable"();
