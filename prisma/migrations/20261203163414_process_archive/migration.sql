-- CreateTable
CREATE TABLE "ProcessArchive" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "processType" TEXT NOT NULL,
    "archivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sha256" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    CONSTRAINT "ProcessArchive_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "ProcessRecord" ("workflowId") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProcessArchive_countyId_archivedAt_idx" ON "ProcessArchive"("countyId", "archivedAt");
