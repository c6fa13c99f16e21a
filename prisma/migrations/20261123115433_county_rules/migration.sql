-- CreateTable
CREATE TABLE "RuleSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "effectiveFrom" DATETIME,
    "publishedAt" DATETIME,
    "publishedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "RuleSetChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyId" TEXT NOT NULL,
    "ruleSetId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "changes" TEXT NOT NULL DEFAULT '{}'
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProcessRecord" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "processType" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townId" TEXT,
    "villageId" TEXT,
    "screeningCode" TEXT,
    "title" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "nextRoles" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL
);
INSERT INTO "new_ProcessRecord" ("countyId", "dueAt", "nextRoles", "overdue", "processType", "screeningCode", "startedAt", "state", "status", "step", "title", "townId", "updatedAt", "villageId", "workflowId") SELECT "countyId", "dueAt", "nextRoles", "overdue", "processType", "screeningCode", "startedAt", "state", "status", "step", "title", "townId", "updatedAt", "villageId", "workflowId" FROM "ProcessRecord";
DROP TABLE "ProcessRecord";
ALTER TABLE "new_ProcessRecord" RENAME TO "ProcessRecord";
CREATE INDEX "ProcessRecord_processType_countyId_status_idx" ON "ProcessRecord"("processType", "countyId", "status");
CREATE INDEX "ProcessRecord_villageId_overdue_idx" ON "ProcessRecord"("villageId", "overdue");
CREATE INDEX "ProcessRecord_screeningCode_status_idx" ON "ProcessRecord"("screeningCode", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RuleSet_countyId_status_effectiveFrom_idx" ON "RuleSet"("countyId", "status", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "RuleSet_countyId_version_key" ON "RuleSet"("countyId", "version");

-- CreateIndex
CREATE INDEX "RuleSetChange_countyId_id_idx" ON "RuleSetChange"("countyId", "id");
