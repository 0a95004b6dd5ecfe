-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'staff');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'info_received', 'in_transit', 'out_for_delivery', 'failed_attempt', 'available_for_pickup', 'delivered', 'exception');

-- CreateEnum
CREATE TYPE "TrackingBatchStatus" AS ENUM ('pending', 'processing', 'completed', 'partial');

-- CreateEnum
CREATE TYPE "TrackingJobStatus" AS ENUM ('pending', 'completed', 'failed', 'redirected');

-- CreateEnum
CREATE TYPE "HaierSyncType" AS ENUM ('products', 'prices', 'stock', 'order', 'logistics', 'manual');

-- CreateEnum
CREATE TYPE "HaierSyncStatus" AS ENUM ('pending', 'processing', 'success', 'failed', 'partial');

-- CreateEnum
CREATE TYPE "ProductSource" AS ENUM ('haier', 'local');

-- CreateEnum
CREATE TYPE "ShopSyncStatus" AS ENUM ('idle', 'syncing', 'success', 'failed');

-- CreateEnum
CREATE TYPE "OrderDetailTaskStatus" AS ENUM ('pending', 'processing', 'completed', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'staff',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialAccount" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficialAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Purchasing" (
    "id" SERIAL NOT NULL,
    "orderNumber" TEXT NOT NULL,
    "officialAccountId" INTEGER,
    "trackingNumber" TEXT,
    "trackingNumberIssue" TEXT,
    "estimatedDeliveryDate" DATE,
    "latestDeliveryStatus" VARCHAR(10),
    "carrierStatus" TEXT,
    "deliveryStatus" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "carrier" TEXT,
    "shippingMethod" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "lastInfoUpdatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Purchasing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inventory" (
    "id" SERIAL NOT NULL,
    "purchasingId" INTEGER NOT NULL,
    "productName" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'in_transit',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inventory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncLog" (
    "id" SERIAL NOT NULL,
    "operationType" TEXT NOT NULL,
    "taskId" TEXT,
    "filePath" TEXT,
    "message" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "jobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackingBatch" (
    "id" SERIAL NOT NULL,
    "batchUuid" UUID NOT NULL DEFAULT gen_random_uuid(),
    "filePath" TEXT NOT NULL,
    "taskName" TEXT NOT NULL,
    "totalJobs" INTEGER NOT NULL DEFAULT 0,
    "completedJobs" INTEGER NOT NULL DEFAULT 0,
    "failedJobs" INTEGER NOT NULL DEFAULT 0,
    "status" "TrackingBatchStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "TrackingBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackingJob" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "jobId" TEXT,
    "customId" TEXT NOT NULL,
    "targetUrl" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "status" "TrackingJobStatus" NOT NULL DEFAULT 'pending',
    "errorMessage" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrackingJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HaierSyncLog" (
    "id" SERIAL NOT NULL,
    "syncType" "HaierSyncType" NOT NULL,
    "status" "HaierSyncStatus" NOT NULL DEFAULT 'pending',
    "message" TEXT NOT NULL DEFAULT '',
    "totalCount" INTEGER NOT NULL DEFAULT 0,
    "successCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HaierSyncLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Brand" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Brand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" SERIAL NOT NULL,
    "productCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" "ProductSource" NOT NULL DEFAULT 'haier',
    "brandId" INTEGER,
    "categoryId" INTEGER,
    "supplyPrice" DECIMAL(12,2),
    "invoicePrice" DECIMAL(12,2),
    "stockRebate" DECIMAL(12,2),
    "rebateMoney" DECIMAL(12,2),
    "price" DECIMAL(12,2),
    "stockQuantity" INTEGER,
    "specs" JSONB NOT NULL DEFAULT '{}',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MediaImage" (
    "id" SERIAL NOT NULL,
    "productId" INTEGER,
    "filePath" TEXT NOT NULL,
    "originalUrl" TEXT,
    "contentType" TEXT,
    "sizeBytes" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" SERIAL NOT NULL,
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "lastSyncAt" TIMESTAMP(3),
    "lastFullSyncAt" TIMESTAMP(3),
    "syncStatus" "ShopSyncStatus" NOT NULL DEFAULT 'idle',
    "lastProductSyncAt" TIMESTAMP(3),
    "lastProductFullSyncAt" TIMESTAMP(3),
    "productSyncStatus" "ShopSyncStatus" NOT NULL DEFAULT 'idle',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemuOrder" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "orderSn" TEXT NOT NULL,
    "parentOrderSn" TEXT NOT NULL,
    "orderStatus" TEXT NOT NULL,
    "packageSn" TEXT,
    "goodsName" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "amount" DECIMAL(12,2),
    "orderCreatedAt" TIMESTAMP(3),
    "orderUpdatedAt" TIMESTAMP(3),
    "raw" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TemuOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderDetailTask" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "parentOrderSn" TEXT NOT NULL,
    "orderIds" TEXT[],
    "status" "OrderDetailTaskStatus" NOT NULL DEFAULT 'pending',
    "packageSn" TEXT,
    "errorMessage" TEXT,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "maxRetries" INTEGER NOT NULL DEFAULT 5,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderDetailTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "OfficialAccount_email_key" ON "OfficialAccount"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Purchasing_orderNumber_key" ON "Purchasing"("orderNumber");

-- CreateIndex
CREATE INDEX "Purchasing_trackingNumber_idx" ON "Purchasing"("trackingNumber");

-- CreateIndex
CREATE INDEX "Purchasing_officialAccountId_idx" ON "Purchasing"("officialAccountId");

-- CreateIndex
CREATE INDEX "Purchasing_deliveryStatus_idx" ON "Purchasing"("deliveryStatus");

-- CreateIndex
CREATE INDEX "Purchasing_latestDeliveryStatus_idx" ON "Purchasing"("latestDeliveryStatus");

-- CreateIndex
CREATE UNIQUE INDEX "Inventory_purchasingId_key" ON "Inventory"("purchasingId");

-- CreateIndex
CREATE INDEX "SyncLog_operationType_createdAt_idx" ON "SyncLog"("operationType", "createdAt");

-- CreateIndex
CREATE INDEX "SyncLog_jobId_idx" ON "SyncLog"("jobId");

-- CreateIndex
CREATE INDEX "SyncLog_createdAt_idx" ON "SyncLog"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingBatch_batchUuid_key" ON "TrackingBatch"("batchUuid");

-- CreateIndex
CREATE INDEX "TrackingBatch_taskName_createdAt_idx" ON "TrackingBatch"("taskName", "createdAt");

-- CreateIndex
CREATE INDEX "TrackingBatch_status_idx" ON "TrackingBatch"("status");

-- CreateIndex
CREATE INDEX "TrackingBatch_filePath_idx" ON "TrackingBatch"("filePath");

-- CreateIndex
CREATE INDEX "TrackingJob_jobId_idx" ON "TrackingJob"("jobId");

-- CreateIndex
CREATE INDEX "TrackingJob_customId_idx" ON "TrackingJob"("customId");

-- CreateIndex
CREATE INDEX "TrackingJob_status_idx" ON "TrackingJob"("status");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingJob_batchId_customId_key" ON "TrackingJob"("batchId", "customId");

-- CreateIndex
CREATE INDEX "HaierSyncLog_syncType_status_idx" ON "HaierSyncLog"("syncType", "status");

-- CreateIndex
CREATE INDEX "HaierSyncLog_createdAt_idx" ON "HaierSyncLog"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Brand_name_key" ON "Brand"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Product_productCode_key" ON "Product"("productCode");

-- CreateIndex
CREATE INDEX "Product_brandId_idx" ON "Product"("brandId");

-- CreateIndex
CREATE INDEX "Product_categoryId_idx" ON "Product"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "MediaImage_filePath_key" ON "MediaImage"("filePath");

-- CreateIndex
CREATE INDEX "MediaImage_productId_idx" ON "MediaImage"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_shopId_key" ON "Shop"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "TemuOrder_orderSn_key" ON "TemuOrder"("orderSn");

-- CreateIndex
CREATE INDEX "TemuOrder_shopId_orderStatus_idx" ON "TemuOrder"("shopId", "orderStatus");

-- CreateIndex
CREATE INDEX "TemuOrder_parentOrderSn_idx" ON "TemuOrder"("parentOrderSn");

-- CreateIndex
CREATE INDEX "OrderDetailTask_status_idx" ON "OrderDetailTask"("status");

-- CreateIndex
CREATE UNIQUE INDEX "OrderDetailTask_shopId_parentOrderSn_key" ON "OrderDetailTask"("shopId", "parentOrderSn");

-- AddForeignKey
ALTER TABLE "Purchasing" ADD CONSTRAINT "Purchasing_officialAccountId_fkey" FOREIGN KEY ("officialAccountId") REFERENCES "OfficialAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inventory" ADD CONSTRAINT "Inventory_purchasingId_fkey" FOREIGN KEY ("purchasingId") REFERENCES "Purchasing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingJob" ADD CONSTRAINT "TrackingJob_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TrackingBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaImage" ADD CONSTRAINT "MediaImage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemuOrder" ADD CONSTRAINT "TemuOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDetailTask" ADD CONSTRAINT "OrderDetailTask_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

