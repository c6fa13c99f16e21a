-- DropIndex
DROP INDEX "Notification_orgId_workflowId_key";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'NOTICE';

-- CreateIndex
CREATE UNIQUE INDEX "Notification_orgId_workflowId_kind_key" ON "Notification"("orgId", "workflowId", "kind");
