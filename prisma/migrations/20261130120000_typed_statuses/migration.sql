-- (No semicolon in comments: the migration runner splits statements on it.)
-- Statuses the code treats as a fixed set, typed in the database too (issue 10 item 9).

-- OfficialAccount.status: only "active" was ever written (seed §5.6.3 get_or_create),
-- any other word becomes the nearest typed value rather than failing the migration.
CREATE TYPE "OfficialAccountStatus" AS ENUM ('active', 'inactive', 'suspended');
ALTER TABLE "OfficialAccount" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "OfficialAccount" ALTER COLUMN "status" TYPE "OfficialAccountStatus" USING (
  CASE WHEN lower(btrim("status")) IN ('inactive', 'suspended') THEN lower(btrim("status")) ELSE 'active' END
)::"OfficialAccountStatus";
ALTER TABLE "OfficialAccount" ALTER COLUMN "status" SET DEFAULT 'active';

-- Inventory.status: only the default was ever written.
CREATE TYPE "InventoryStatus" AS ENUM ('in_transit', 'in_stock', 'sold');
ALTER TABLE "Inventory" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Inventory" ALTER COLUMN "status" TYPE "InventoryStatus" USING (
  CASE WHEN lower(btrim("status")) IN ('in_stock', 'sold') THEN lower(btrim("status")) ELSE 'in_transit' END
)::"InventoryStatus";
ALTER TABLE "Inventory" ALTER COLUMN "status" SET DEFAULT 'in_transit';

-- Purchasing.carrier and the history's copy of it. The trackers wrote only
-- "yamato" and "japan_post". Older free text is read the way
-- carrierFromShippingMethod reads a shipping method, and text naming no known
-- carrier becomes NULL after being kept in shippingMethod when that is empty.
CREATE TYPE "Carrier" AS ENUM ('yamato', 'japan_post');
UPDATE "Purchasing" SET "shippingMethod" = "carrier"
WHERE "carrier" IS NOT NULL AND "shippingMethod" IS NULL
  AND NOT lower(normalize("carrier", NFKC)) ~ '(yamato|kuroneko|ヤマト|クロネコ|宅急便|japan ?_?post|jp ?_?post|日本郵便|郵便|ゆうパック|ゆうパケット)';
ALTER TABLE "Purchasing" ALTER COLUMN "carrier" TYPE "Carrier" USING (
  CASE
    WHEN lower(normalize("carrier", NFKC)) ~ '(yamato|kuroneko|ヤマト|クロネコ|宅急便)' THEN 'yamato'
    WHEN lower(normalize("carrier", NFKC)) ~ '(japan ?_?post|jp ?_?post|日本郵便|郵便|ゆうパック|ゆうパケット)' THEN 'japan_post'
  END
)::"Carrier";
ALTER TABLE "PurchasingStatusChange" ALTER COLUMN "carrier" TYPE "Carrier" USING (
  CASE
    WHEN lower(normalize("carrier", NFKC)) ~ '(yamato|kuroneko|ヤマト|クロネコ|宅急便)' THEN 'yamato'
    WHEN lower(normalize("carrier", NFKC)) ~ '(japan ?_?post|jp ?_?post|日本郵便|郵便|ゆうパック|ゆうパケット)' THEN 'japan_post'
  END
)::"Carrier";

-- SyncLog.operationType: a CHECK constraint, not an enum (why: lib/sync-logs/operation-types.ts,
-- whose list this must equal, and tests/lib/sync-logs/operation-types.test.ts compares them).
-- Added NOT VALID, then validated: existing rows are checked without blocking writers,
-- and the column, its indexes (operation filter, loose index scan, the partial dedupe
-- index) and the queries on them stay as they are.
ALTER TABLE "SyncLog" ADD CONSTRAINT "SyncLog_operationType_check" CHECK ("operationType" IN (
  'japan_post_tracking_10_completed',
  'japan_post_tracking_10_triggered',
  'official_website_redirect_to_yamato_tracking_completed',
  'redirect_to_japan_post_tracking_failed',
  'redirect_to_japan_post_tracking_triggered',
  'tracking_batch_imported',
  'tracking_job_publish_failed',
  'tracking_job_published',
  'tracking_job_requeued',
  'tracking_number_empty_completed',
  'tracking_number_empty_triggered',
  'webscraper_tracking',
  'webscraper_tracking_dry_run'
)) NOT VALID;
ALTER TABLE "SyncLog" VALIDATE CONSTRAINT "SyncLog_operationType_check";

-- User.locale: one of LOCALES (lib/i18n/locales.ts): a CHECK, as an enum would spell "zh-CN" zh_CN in code.
-- A locale the app no longer offers is forgotten (Accept-Language decides again).
UPDATE "User" SET "locale" = NULL WHERE "locale" IS NOT NULL AND "locale" NOT IN ('en', 'zh-CN');
ALTER TABLE "User" ADD CONSTRAINT "User_locale_check" CHECK ("locale" IS NULL OR "locale" IN ('en', 'zh-CN'));

-- NotificationChannel.locale: the same list, for the same reason.
UPDATE "NotificationChannel" SET "locale" = 'zh-CN' WHERE "locale" NOT IN ('en', 'zh-CN');
ALTER TABLE "NotificationChannel" ADD CONSTRAINT "NotificationChannel_locale_check" CHECK ("locale" IN ('en', 'zh-CN'));
