-- AlterTable
ALTER TABLE "RefusedAttempt" ADD COLUMN     "reasonZh" TEXT,
ADD COLUMN     "ruleId" TEXT,
ADD COLUMN     "ruleSetId" TEXT,
ADD COLUMN     "ruleSetVersion" INTEGER;
