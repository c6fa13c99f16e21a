-- CreateTable
CREATE TABLE "CadreRecord" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "since" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SecondmentRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "sourceUnitId" TEXT NOT NULL,
    "borrowingUnitId" TEXT NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "returnedAt" DATETIME,
    "clawbackReason" TEXT,
    "clawedBackBy" TEXT
);

-- CreateIndex
CREATE INDEX "CadreRecord_unitId_idx" ON "CadreRecord"("unitId");

-- CreateIndex
CREATE INDEX "SecondmentRecord_personId_idx" ON "SecondmentRecord"("personId");

-- CreateIndex
CREATE INDEX "SecondmentRecord_countyId_borrowingUnitId_status_idx" ON "SecondmentRecord"("countyId", "borrowingUnitId", "status");

-- CreateIndex
CREATE INDEX "SecondmentRecord_sourceUnitId_status_idx" ON "SecondmentRecord"("sourceUnitId", "status");
