-- AlterTable
ALTER TABLE "RefusedAttempt" ADD COLUMN "bodyHash" TEXT;

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "countyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "workflowId" TEXT,
    "entrySeq" INTEGER,
    "refusalId" INTEGER,
    "payload" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "countyId" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "AuditEntry_workflowId_kind_idx" ON "AuditEntry"("workflowId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_countyId_seq_key" ON "AuditEntry"("countyId", "seq");
