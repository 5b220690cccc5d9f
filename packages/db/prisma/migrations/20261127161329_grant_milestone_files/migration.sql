-- CreateTable
CREATE TABLE "GrantMilestoneFile" (
    "id" UUID NOT NULL,
    "milestoneId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GrantMilestoneFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GrantMilestoneFile_milestoneId_idx" ON "GrantMilestoneFile"("milestoneId");

-- AddForeignKey
ALTER TABLE "GrantMilestoneFile" ADD CONSTRAINT "GrantMilestoneFile_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "GrantMilestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;
