-- DropIndex
DROP INDEX "Proposal_callId_submittedAt_idx";

-- CreateIndex
CREATE INDEX "Proposal_callId_submittedAt_id_idx" ON "Proposal"("callId", "submittedAt" DESC, "id" DESC);
