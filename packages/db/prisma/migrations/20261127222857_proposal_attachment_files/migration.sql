-- CreateTable
CREATE TABLE "ProposalAttachmentFile" (
    "id" UUID NOT NULL,
    "proposalId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalAttachmentFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProposalAttachmentFile_proposalId_key_sha256_idx" ON "ProposalAttachmentFile"("proposalId", "key", "sha256");

-- AddForeignKey
ALTER TABLE "ProposalAttachmentFile" ADD CONSTRAINT "ProposalAttachmentFile_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written backfill: the current file of every attachment kind, so that submissions made before this table
-- existed still find their files (those replaced before today were never recorded and stay unavailable to reviewers).
INSERT INTO "ProposalAttachmentFile" ("id", "proposalId", "key", "sha256", "fileName", "contentType", "size", "storageKey", "createdAt")
SELECT gen_random_uuid(), "proposalId", "key", "sha256", "fileName", "contentType", "size", "storageKey", "createdAt"
FROM "ProposalAttachment";
