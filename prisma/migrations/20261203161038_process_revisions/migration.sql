-- CreateTable
CREATE TABLE "ProcessRevision" (
    "workflowId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "change" TEXT NOT NULL,

    PRIMARY KEY ("workflowId", "revision")
);

-- CreateIndex
CREATE INDEX "ProcessRevision_workflowId_at_idx" ON "ProcessRevision"("workflowId", "at");

-- The processes already kept: their state as it stands is their first revision, from their last change.
INSERT INTO "ProcessRevision" ("workflowId", "revision", "at", "change")
SELECT "workflowId", "revision", "updatedAt", '{"whole":' || "state" || '}' FROM "ProcessRecord";
