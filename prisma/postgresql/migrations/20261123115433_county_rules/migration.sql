-- AlterTable
ALTER TABLE "ProcessRecord" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RuleSet" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "RuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleSetChange" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyId" TEXT NOT NULL,
    "ruleSetId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "changes" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "RuleSetChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RuleSet_countyId_status_effectiveFrom_idx" ON "RuleSet"("countyId", "status", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "RuleSet_countyId_version_key" ON "RuleSet"("countyId", "version");

-- CreateIndex
CREATE INDEX "RuleSetChange_countyId_id_idx" ON "RuleSetChange"("countyId", "id");
