-- CreateTable
CREATE TABLE "CalendarYear" (
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL,
    "loadedBy" TEXT NOT NULL,

    PRIMARY KEY ("countyId", "year")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    PRIMARY KEY ("countyId", "date"),
    CONSTRAINT "CalendarDay_countyId_year_fkey" FOREIGN KEY ("countyId", "year") REFERENCES "CalendarYear" ("countyId", "year") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "holidays" INTEGER NOT NULL,
    "makeUpWorkdays" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "CalendarDay_countyId_year_idx" ON "CalendarDay"("countyId", "year");

-- CreateIndex
CREATE INDEX "CalendarChange_countyId_id_idx" ON "CalendarChange"("countyId", "id");
