-- CreateTable
CREATE TABLE "PurchasingStatusChange" (
    "id" SERIAL NOT NULL,
    "purchasingId" INTEGER NOT NULL,
    "deliveryStatus" "DeliveryStatus" NOT NULL,
    "carrierStatus" TEXT,
    "previousDeliveryStatus" "DeliveryStatus",
    "previousCarrierStatus" TEXT,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "tracker" TEXT,
    "customId" TEXT,
    "batchId" INTEGER,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurchasingStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PurchasingStatusChange_purchasingId_recordedAt_idx" ON "PurchasingStatusChange"("purchasingId", "recordedAt");

-- AddForeignKey
ALTER TABLE "PurchasingStatusChange" ADD CONSTRAINT "PurchasingStatusChange_purchasingId_fkey" FOREIGN KEY ("purchasingId") REFERENCES "Purchasing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
