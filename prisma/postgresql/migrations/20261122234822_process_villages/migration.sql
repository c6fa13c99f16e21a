-- CreateTable
CREATE TABLE "ProcessVillage" (
    "workflowId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,

    CONSTRAINT "ProcessVillage_pkey" PRIMARY KEY ("workflowId","villageId")
);

-- CreateIndex
CREATE INDEX "ProcessVillage_villageId_idx" ON "ProcessVillage"("villageId");

-- AddForeignKey
ALTER TABLE "ProcessVillage" ADD CONSTRAINT "ProcessVillage_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "ProcessRecord"("workflowId") ON DELETE CASCADE ON UPDATE CASCADE;
