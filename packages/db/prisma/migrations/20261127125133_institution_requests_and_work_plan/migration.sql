-- CreateEnum
CREATE TYPE "InstitutionStatus" AS ENUM ('APPROVED', 'PENDING', 'REJECTED');

-- AlterTable
ALTER TABLE "Institution" ADD COLUMN     "requestedById" UUID,
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "status" "InstitutionStatus" NOT NULL DEFAULT 'APPROVED';

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "workPlan" JSONB NOT NULL DEFAULT '{"workPackages":[]}',
ADD COLUMN     "workPlanVersion" INTEGER NOT NULL DEFAULT 1;
