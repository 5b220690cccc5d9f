-- CreateTable
CREATE TABLE "SectionComment" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SectionComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SectionComment_proposalId_sectionKey_createdAt_idx" ON "SectionComment"("proposalId", "sectionKey", "createdAt");

-- AddForeignKey
ALTER TABLE "SectionComment" ADD CONSTRAINT "SectionComment_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SectionComment" ADD CONSTRAINT "SectionComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
