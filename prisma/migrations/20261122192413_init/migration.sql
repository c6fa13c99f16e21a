-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "countyId" TEXT NOT NULL,
    CONSTRAINT "Organisation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogueVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "effectiveFrom" DATETIME,
    "publishedAt" DATETIME,
    "publishedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "CatalogueItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" TEXT NOT NULL,
    "screeningCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "responsibleDepartmentId" TEXT,
    "responsibleDepartment" TEXT NOT NULL,
    "subItems" TEXT NOT NULL DEFAULT '[]',
    "admissionWorkflowId" TEXT,
    "retiredAt" DATETIME,
    "retiredBy" TEXT,
    "retiredReason" TEXT,
    CONSTRAINT "CatalogueItem_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CatalogueVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NegativeListItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "countyId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "basis" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CertificateListItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "countyId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "listType" TEXT NOT NULL,
    "issuingBody" TEXT,
    "basis" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OnceAdmission" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "countyId" TEXT NOT NULL,
    "screeningCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "taskRef" TEXT,
    "decidedAt" DATETIME NOT NULL,
    "decidedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CatalogueChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "countyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "itemCode" TEXT,
    "action" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT ''
);

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workflowId" TEXT NOT NULL,
    "processType" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "dueAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "RefusedAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "processType" TEXT,
    "workflowId" TEXT,
    "action" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessRecord" (
    "workflowId" TEXT NOT NULL PRIMARY KEY,
    "processType" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townId" TEXT,
    "villageId" TEXT,
    "screeningCode" TEXT,
    "title" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "nextRoles" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Organisation_countyId_kind_idx" ON "Organisation"("countyId", "kind");

-- CreateIndex
CREATE INDEX "Organisation_parentId_idx" ON "Organisation"("parentId");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_orgId_idx" ON "RoleAssignment"("role", "orgId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_personId_role_orgId_key" ON "RoleAssignment"("personId", "role", "orgId");

-- CreateIndex
CREATE INDEX "CatalogueVersion_countyId_status_idx" ON "CatalogueVersion"("countyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogueVersion_countyId_version_key" ON "CatalogueVersion"("countyId", "version");

-- CreateIndex
CREATE INDEX "CatalogueItem_screeningCode_idx" ON "CatalogueItem"("screeningCode");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogueItem_versionId_screeningCode_key" ON "CatalogueItem"("versionId", "screeningCode");

-- CreateIndex
CREATE UNIQUE INDEX "NegativeListItem_countyId_code_key" ON "NegativeListItem"("countyId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateListItem_countyId_code_key" ON "CertificateListItem"("countyId", "code");

-- CreateIndex
CREATE INDEX "OnceAdmission_countyId_screeningCode_idx" ON "OnceAdmission"("countyId", "screeningCode");

-- CreateIndex
CREATE INDEX "InboxItem_role_orgId_closedAt_idx" ON "InboxItem"("role", "orgId", "closedAt");

-- CreateIndex
CREATE INDEX "InboxItem_workflowId_closedAt_idx" ON "InboxItem"("workflowId", "closedAt");

-- CreateIndex
CREATE INDEX "RefusedAttempt_countyId_at_idx" ON "RefusedAttempt"("countyId", "at");

-- CreateIndex
CREATE INDEX "RefusedAttempt_workflowId_idx" ON "RefusedAttempt"("workflowId");

-- CreateIndex
CREATE INDEX "RefusedAttempt_personId_idx" ON "RefusedAttempt"("personId");

-- CreateIndex
CREATE INDEX "ProcessRecord_processType_countyId_status_idx" ON "ProcessRecord"("processType", "countyId", "status");

-- CreateIndex
CREATE INDEX "ProcessRecord_villageId_overdue_idx" ON "ProcessRecord"("villageId", "overdue");

-- CreateIndex
CREATE INDEX "ProcessRecord_screeningCode_villageId_status_idx" ON "ProcessRecord"("screeningCode", "villageId", "status");

-- CreateIndex
CREATE INDEX "Notification_orgId_createdAt_idx" ON "Notification"("orgId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_orgId_workflowId_key" ON "Notification"("orgId", "workflowId");
