-- AlterTable
ALTER TABLE "RefusedAttempt" ADD COLUMN     "bodyHash" TEXT;

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "countyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "workflowId" TEXT,
    "entrySeq" INTEGER,
    "refusalId" INTEGER,
    "payload" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "countyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("countyId")
);

-- CreateIndex
CREATE INDEX "AuditEntry_workflowId_kind_idx" ON "AuditEntry"("workflowId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_countyId_seq_key" ON "AuditEntry"("countyId", "seq");
