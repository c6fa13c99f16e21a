-- CreateTable
CREATE TABLE "CadreRecord" (
    "personId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CadreRecord_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "SecondmentRecord" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "sourceUnitId" TEXT NOT NULL,
    "borrowingUnitId" TEXT NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "returnedAt" TIMESTAMP(3),
    "clawbackReason" TEXT,
    "clawedBackBy" TEXT,

    CONSTRAINT "SecondmentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CadreRecord_unitId_idx" ON "CadreRecord"("unitId");

-- CreateIndex
CREATE INDEX "SecondmentRecord_personId_idx" ON "SecondmentRecord"("personId");

-- CreateIndex
CREATE INDEX "SecondmentRecord_countyId_borrowingUnitId_status_idx" ON "SecondmentRecord"("countyId", "borrowingUnitId", "status");

-- CreateIndex
CREATE INDEX "SecondmentRecord_sourceUnitId_status_idx" ON "SecondmentRecord"("sourceUnitId", "status");
