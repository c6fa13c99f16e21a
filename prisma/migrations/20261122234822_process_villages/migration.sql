-- CreateTable
CREATE TABLE "ProcessVillage" (
    "workflowId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,

    PRIMARY KEY ("workflowId", "villageId"),
    CONSTRAINT "ProcessVillage_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "ProcessRecord" ("workflowId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProcessVillage_villageId_idx" ON "ProcessVillage"("villageId");
