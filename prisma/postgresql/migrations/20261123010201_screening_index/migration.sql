-- DropIndex
DROP INDEX "ProcessRecord_screeningCode_villageId_status_idx";

-- CreateIndex
CREATE INDEX "ProcessRecord_screeningCode_status_idx" ON "ProcessRecord"("screeningCode", "status");
