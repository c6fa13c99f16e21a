-- AlterTable
ALTER TABLE "StepRequest" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0;
