-- CreateTable
CREATE TABLE "ReadLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "readerKind" TEXT NOT NULL,
    "processType" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "what" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "ReadLog_countyId_id_idx" ON "ReadLog"("countyId", "id");

-- CreateIndex
CREATE INDEX "ReadLog_workflowId_idx" ON "ReadLog"("workflowId");

-- CreateIndex
CREATE INDEX "ReadLog_personId_idx" ON "ReadLog"("personId");
