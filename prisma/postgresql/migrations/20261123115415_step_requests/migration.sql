-- CreateTable
CREATE TABLE "StepRequest" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "workflowId" TEXT,
    "refusal" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DispatchClaim" (
    "workflowId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "screeningCode" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DispatchClaim_pkey" PRIMARY KEY ("workflowId","villageId")
);

-- CreateIndex
CREATE INDEX "StepRequest_createdAt_idx" ON "StepRequest"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StepRequest_scope_key_key" ON "StepRequest"("scope", "key");

-- CreateIndex
CREATE INDEX "DispatchClaim_countyId_screeningCode_villageId_idx" ON "DispatchClaim"("countyId", "screeningCode", "villageId");
