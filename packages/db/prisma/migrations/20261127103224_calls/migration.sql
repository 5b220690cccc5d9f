-- CreateEnum
CREATE TYPE "CallStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'OPEN', 'CLOSED', 'IN_REVIEW', 'DECIDED', 'ARCHIVED');

-- CreateTable
CREATE TABLE "Call" (
    "id" UUID NOT NULL,
    "programmeId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "themes" TEXT[],
    "currency" CHAR(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "opensAt" TIMESTAMPTZ(3) NOT NULL,
    "closesAt" TIMESTAMPTZ(3) NOT NULL,
    "maxDurationMonths" INTEGER NOT NULL,
    "capPerProposal" DECIMAL(18,2),
    "capPerPartner" DECIMAL(18,2),
    "indirectRate" DECIMAL(5,4) NOT NULL DEFAULT 0,
    "sections" JSONB NOT NULL DEFAULT '[]',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "eligibilityRules" JSONB NOT NULL DEFAULT '[]',
    "rubric" JSONB NOT NULL DEFAULT '{}',
    "reviewersPerProposal" INTEGER NOT NULL DEFAULT 3,
    "status" "CallStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallAgency" (
    "callId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "envelope" DECIMAL(18,2) NOT NULL,

    CONSTRAINT "CallAgency_pkey" PRIMARY KEY ("callId","agencyId")
);

-- CreateTable
CREATE TABLE "CallExchangeRate" (
    "callId" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,

    CONSTRAINT "CallExchangeRate_pkey" PRIMARY KEY ("callId","currency")
);

-- CreateIndex
CREATE INDEX "Call_status_opensAt_idx" ON "Call"("status", "opensAt");

-- CreateIndex
CREATE INDEX "Call_programmeId_idx" ON "Call"("programmeId");

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAgency" ADD CONSTRAINT "CallAgency_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAgency" ADD CONSTRAINT "CallAgency_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallExchangeRate" ADD CONSTRAINT "CallExchangeRate_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;
