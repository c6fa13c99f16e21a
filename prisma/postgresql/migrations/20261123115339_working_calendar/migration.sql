-- CreateTable
CREATE TABLE "CalendarYear" (
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL,
    "loadedBy" TEXT NOT NULL,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("countyId","year")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("countyId","date")
);

-- CreateTable
CREATE TABLE "CalendarChange" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "holidays" INTEGER NOT NULL,
    "makeUpWorkdays" INTEGER NOT NULL,

    CONSTRAINT "CalendarChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalendarDay_countyId_year_idx" ON "CalendarDay"("countyId", "year");

-- CreateIndex
CREATE INDEX "CalendarChange_countyId_id_idx" ON "CalendarChange"("countyId", "id");

-- AddForeignKey
ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_countyId_year_fkey" FOREIGN KEY ("countyId", "year") REFERENCES "CalendarYear"("countyId", "year") ON DELETE CASCADE ON UPDATE CASCADE;
