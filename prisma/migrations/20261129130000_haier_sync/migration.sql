-- AlterTable
ALTER TABLE "HaierSyncLog" ADD COLUMN     "apiCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "apiLatencyMs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "options" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "runId" TEXT,
ADD COLUMN     "triggeredBy" TEXT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "imageError" TEXT,
ADD COLUMN     "imageId" INTEGER,
ADD COLUMN     "imageSourceUrl" TEXT,
ADD COLUMN     "syncHash" TEXT;

-- CreateTable
CREATE TABLE "ProductStock" (
    "id" SERIAL NOT NULL,
    "productId" INTEGER NOT NULL,
    "countyCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductStock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductStock_productId_countyCode_key" ON "ProductStock"("productId", "countyCode");

-- CreateIndex
CREATE UNIQUE INDEX "MediaImage_originalUrl_key" ON "MediaImage"("originalUrl");

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "MediaImage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductStock" ADD CONSTRAINT "ProductStock_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

