-- Issue 7 faults: the carrier's tracking number verbatim (16), WebScraper's
-- own status of a job (17), and re-queued publishes (13).
ALTER TABLE "Purchasing" ADD COLUMN "carrierTrackingNumber" TEXT;

ALTER TABLE "TrackingJob" ADD COLUMN "scraperStatus" TEXT,
ADD COLUMN "publishRequeues" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "requeuedAt" TIMESTAMP(3),
ADD COLUMN "supersededJobIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
