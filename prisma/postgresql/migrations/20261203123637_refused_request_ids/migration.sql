-- AlterTable
ALTER TABLE "RefusedAttempt" ADD COLUMN     "businessRequestId" TEXT;

-- CreateIndex
CREATE INDEX "RefusedAttempt_businessRequestId_idx" ON "RefusedAttempt"("businessRequestId");
