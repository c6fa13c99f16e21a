-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StepRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "workflowId" TEXT,
    "refusal" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_StepRequest" ("action", "bodyHash", "createdAt", "id", "key", "refusal", "scope", "workflowId") SELECT "action", "bodyHash", "createdAt", "id", "key", "refusal", "scope", "workflowId" FROM "StepRequest";
DROP TABLE "StepRequest";
ALTER TABLE "new_StepRequest" RENAME TO "StepRequest";
CREATE INDEX "StepRequest_createdAt_idx" ON "StepRequest"("createdAt");
CREATE UNIQUE INDEX "StepRequest_scope_key_key" ON "StepRequest"("scope", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
