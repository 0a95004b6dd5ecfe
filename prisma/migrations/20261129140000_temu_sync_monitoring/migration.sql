-- CreateEnum
CREATE TYPE "TemuSyncKind" AS ENUM ('orders', 'products');

-- CreateEnum
CREATE TYPE "TemuSyncMode" AS ENUM ('incremental', 'full');

-- CreateEnum
CREATE TYPE "TemuSyncRunStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('info', 'warning', 'critical');

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "accessToken" TEXT,
ADD COLUMN     "apiBaseUrl" TEXT,
ADD COLUMN     "appKey" TEXT,
ADD COLUMN     "appSecret" TEXT,
ADD COLUMN     "lastSuccessfulSyncAt" TIMESTAMP(3),
ADD COLUMN     "lastSyncError" TEXT;

-- AlterTable
ALTER TABLE "TemuOrder" ADD COLUMN     "goodsId" TEXT,
ADD COLUMN     "orderStatusCode" INTEGER,
ADD COLUMN     "parentOrderStatus" TEXT,
ADD COLUMN     "parentOrderStatusCode" INTEGER,
ADD COLUMN     "skuId" TEXT;

-- AlterTable
ALTER TABLE "OrderDetailTask" ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "TemuProduct" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "goodsId" TEXT NOT NULL,
    "goodsName" TEXT NOT NULL,
    "outGoodsSn" TEXT,
    "price" TEXT,
    "currency" TEXT,
    "quantity" INTEGER,
    "raw" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TemuProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemuSyncRun" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "kind" "TemuSyncKind" NOT NULL,
    "mode" "TemuSyncMode" NOT NULL,
    "status" "TemuSyncRunStatus" NOT NULL DEFAULT 'running',
    "trigger" TEXT NOT NULL DEFAULT 'cron',
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "pageSize" INTEGER NOT NULL DEFAULT 100,
    "totalItems" INTEGER,
    "totalPages" INTEGER,
    "nextPage" INTEGER NOT NULL DEFAULT 1,
    "pagesDone" INTEGER NOT NULL DEFAULT 0,
    "itemsUpserted" INTEGER NOT NULL DEFAULT 0,
    "failedPages" INTEGER[],
    "maxUpdateTime" TIMESTAMP(3),
    "tasksCreated" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TemuSyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemuApiCall" (
    "id" BIGSERIAL NOT NULL,
    "shopId" INTEGER,
    "appKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "errorCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TemuApiCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemuRateSlot" (
    "appKey" TEXT NOT NULL,
    "nextAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TemuRateSlot_pkey" PRIMARY KEY ("appKey")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "link" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorHeartbeat" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonitorHeartbeat_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "TemuProduct_shopId_goodsId_key" ON "TemuProduct"("shopId", "goodsId");

-- CreateIndex
CREATE INDEX "TemuSyncRun_shopId_kind_startedAt_idx" ON "TemuSyncRun"("shopId", "kind", "startedAt");

-- CreateIndex
CREATE INDEX "TemuSyncRun_status_idx" ON "TemuSyncRun"("status");

-- CreateIndex
CREATE INDEX "TemuApiCall_at_idx" ON "TemuApiCall"("at");

-- CreateIndex
CREATE INDEX "TemuApiCall_shopId_at_idx" ON "TemuApiCall"("shopId", "at");

-- CreateIndex
CREATE INDEX "Alert_fingerprint_clearedAt_idx" ON "Alert"("fingerprint", "clearedAt");

-- CreateIndex
CREATE INDEX "Alert_flow_clearedAt_idx" ON "Alert"("flow", "clearedAt");

-- CreateIndex
CREATE INDEX "TemuOrder_shopId_parentOrderStatusCode_idx" ON "TemuOrder"("shopId", "parentOrderStatusCode");

-- CreateIndex
CREATE INDEX "OrderDetailTask_status_nextAttemptAt_idx" ON "OrderDetailTask"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "TemuProduct" ADD CONSTRAINT "TemuProduct_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemuSyncRun" ADD CONSTRAINT "TemuSyncRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemuApiCall" ADD CONSTRAINT "TemuApiCall_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one open alert per fingerprint (the cron and an API read may evaluate at once).
CREATE UNIQUE INDEX "Alert_open_fingerprint_key" ON "Alert"("fingerprint") WHERE "clearedAt" IS NULL;
