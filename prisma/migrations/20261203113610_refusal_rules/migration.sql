-- AlterTable
ALTER TABLE "RefusedAttempt" ADD COLUMN "reasonZh" TEXT;
ALTER TABLE "RefusedAttempt" ADD COLUMN "ruleId" TEXT;
ALTER TABLE "RefusedAttempt" ADD COLUMN "ruleSetId" TEXT;
ALTER TABLE "RefusedAttempt" ADD COLUMN "ruleSetVersion" INTEGER;
