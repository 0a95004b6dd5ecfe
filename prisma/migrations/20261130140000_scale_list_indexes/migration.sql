-- A year of data (issue 10): the orders list's filters read small indexes in the list's order.

-- A status filter walks its own status in update order: a rare status no longer
-- scans the whole updatedAt index to fill a page. The status prefix still serves
-- the overview's count per status.
DROP INDEX IF EXISTS "Purchasing_deliveryStatus_idx";
CREATE INDEX "Purchasing_deliveryStatus_updatedAt_id_idx" ON "Purchasing"("deliveryStatus", "updatedAt" DESC, "id" DESC);

-- Orders without a tracking number (the "missing tracking" filter and the overview's
-- count): a partial index holding only those orders, in the list's order.
-- Partial indexes are beyond the Prisma schema language, so this one lives here only.
CREATE INDEX "Purchasing_missingTracking_updatedAt_id_idx" ON "Purchasing"("updatedAt" DESC, "id" DESC)
  WHERE "trackingNumber" IS NULL OR "trackingNumber" = '';

-- Order counts by delivery status and missing tracking number, kept by triggers,
-- so the overview and the orders list's totals read a few rows instead of counting
-- a year of orders (a count over 200,000 rows took 0.2–1.5 s on the embedded
-- database). Each statement on "Purchasing" appends its net change as delta rows:
-- appends take no row locks, so concurrent writers never wait on a shared counter.
-- Readers sum the deltas and fold them into one row per group now and then
-- (lib/purchasing/purchasing-tally.ts).
-- The function bodies are E-strings with \073 for each semicolon: Prisma's
-- JavaScript migration engine (adapter-pg executeScript) splits a migration
-- on every semicolon, dollar quotes included.
CREATE TABLE "PurchasingTally" (
    "id" BIGSERIAL NOT NULL,
    "deliveryStatus" "DeliveryStatus" NOT NULL,
    "missingTracking" BOOLEAN NOT NULL,
    "delta" BIGINT NOT NULL,

    CONSTRAINT "PurchasingTally_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION purchasing_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "PurchasingTally" ("deliveryStatus", "missingTracking", "delta")
  SELECT "deliveryStatus", ("trackingNumber" IS NULL OR "trackingNumber" = \'\'), count(*)
  FROM new_rows GROUP BY 1, 2\073
  RETURN NULL\073
END ';

CREATE FUNCTION purchasing_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "PurchasingTally" ("deliveryStatus", "missingTracking", "delta")
  SELECT "deliveryStatus", ("trackingNumber" IS NULL OR "trackingNumber" = \'\'), -count(*)
  FROM old_rows GROUP BY 1, 2\073
  RETURN NULL\073
END ';

-- Only groups whose count changed get a row: an update that keeps the status and
-- the tracking number (most tracker writes) appends nothing.
CREATE FUNCTION purchasing_tally_updated() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "PurchasingTally" ("deliveryStatus", "missingTracking", "delta")
  SELECT status, missing, sum(delta) FROM (
    SELECT "deliveryStatus" AS status, ("trackingNumber" IS NULL OR "trackingNumber" = \'\') AS missing, 1 AS delta FROM new_rows
    UNION ALL
    SELECT "deliveryStatus", ("trackingNumber" IS NULL OR "trackingNumber" = \'\'), -1 FROM old_rows
  ) changes
  GROUP BY status, missing HAVING sum(delta) <> 0\073
  RETURN NULL\073
END ';

-- A truncated order table (a reset, a cascade) leaves no orders to count.
CREATE FUNCTION purchasing_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "PurchasingTally"\073
  RETURN NULL\073
END ';

CREATE TRIGGER purchasing_tally_insert AFTER INSERT ON "Purchasing"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION purchasing_tally_inserted();
CREATE TRIGGER purchasing_tally_delete AFTER DELETE ON "Purchasing"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION purchasing_tally_deleted();
CREATE TRIGGER purchasing_tally_update AFTER UPDATE ON "Purchasing"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION purchasing_tally_updated();

CREATE TRIGGER purchasing_tally_truncate AFTER TRUNCATE ON "Purchasing"
  FOR EACH STATEMENT EXECUTE FUNCTION purchasing_tally_truncated();

-- The orders already there.
INSERT INTO "PurchasingTally" ("deliveryStatus", "missingTracking", "delta")
SELECT "deliveryStatus", ("trackingNumber" IS NULL OR "trackingNumber" = ''), count(*) FROM "Purchasing" GROUP BY 1, 2;

-- The batch list: newest first (a year is about 5,000 batches, sorted on every request).
CREATE INDEX "TrackingBatch_createdAt_idx" ON "TrackingBatch"("createdAt" DESC);
