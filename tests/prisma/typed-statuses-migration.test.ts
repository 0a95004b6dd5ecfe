// Migration 20261130120000_typed_statuses applied to rows written before it:
// the migration file runs in a scratch schema holding the old column types.
// Queries below name the schema (the search path is the default again).
import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MIGRATION = path.resolve(import.meta.dirname, "../../prisma/migrations/20261130120000_typed_statuses/migration.sql");
const SCRATCH = "typed_statuses_migration_test";

const OLD_TABLES = `
  CREATE TABLE "OfficialAccount" (id serial PRIMARY KEY, email text NOT NULL, status text NOT NULL DEFAULT 'active');
  CREATE TABLE "Inventory" (id serial PRIMARY KEY, status text NOT NULL DEFAULT 'in_transit');
  CREATE TABLE "Purchasing" (id serial PRIMARY KEY, "orderNumber" text NOT NULL, carrier text, "shippingMethod" text);
  CREATE TABLE "PurchasingStatusChange" (id serial PRIMARY KEY, carrier text);
  CREATE TABLE "SyncLog" (id serial PRIMARY KEY, "operationType" text NOT NULL);
  CREATE INDEX "SyncLog_operationType_idx" ON "SyncLog" ("operationType");
  CREATE TABLE "User" (id serial PRIMARY KEY, locale text);
  CREATE TABLE "NotificationChannel" (id int PRIMARY KEY, locale text NOT NULL DEFAULT 'zh-CN');
`;

describe("migration 20261130120000_typed_statuses on existing rows", () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCRATCH} CASCADE; CREATE SCHEMA ${SCRATCH}; SET search_path TO ${SCRATCH};`);
    await client.query(OLD_TABLES);
    await client.query(`
      INSERT INTO "OfficialAccount" (email, status) VALUES ('a@x', 'active'), ('b@x', 'Suspended'), ('c@x', 'closed');
      INSERT INTO "Inventory" (status) VALUES ('in_transit'), ('sold'), ('lost');
      INSERT INTO "Purchasing" ("orderNumber", carrier, "shippingMethod") VALUES
        ('W1', 'yamato', NULL), ('W2', 'japan_post', NULL), ('W3', 'Yamato Transport', NULL), ('W4', '日本郵便', NULL),
        ('W5', 'sagawa', NULL), ('W6', 'Sagawa', '佐川急便'), ('W7', NULL, NULL);
      INSERT INTO "PurchasingStatusChange" (carrier) VALUES ('yamato'), ('ゆうパック'), (NULL);
      INSERT INTO "SyncLog" ("operationType") VALUES ('webscraper_tracking'), ('tracking_job_requeued');
      INSERT INTO "User" (locale) VALUES ('en'), ('zh-CN'), ('fr'), (NULL);
      INSERT INTO "NotificationChannel" (id, locale) VALUES (1, 'zh-TW');
    `);
    await client.query(readFileSync(MIGRATION, "utf8"));
    // The embedded server runs every connection in one session: leave the search path as it was.
    await client.query(`RESET search_path`);
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${SCRATCH} CASCADE`);
    await client.end();
  });

  const column = async (sql: string) => (await client.query(sql)).rows;

  it("maps every old status word to a typed value", async () => {
    expect(await column(`SELECT email, status::text FROM ${SCRATCH}."OfficialAccount" ORDER BY id`)).toEqual([
      { email: "a@x", status: "active" },
      { email: "b@x", status: "suspended" },
      { email: "c@x", status: "active" },
    ]);
    expect((await column(`SELECT status::text FROM ${SCRATCH}."Inventory" ORDER BY id`)).map((r) => r.status)).toEqual([
      "in_transit",
      "sold",
      "in_transit",
    ]);
    expect((await column(`SELECT pg_typeof(status)::text AS t FROM ${SCRATCH}."OfficialAccount" LIMIT 1`))[0].t).toBe(
      `${SCRATCH}."OfficialAccountStatus"`,
    );
  });

  it("reads old free-text carriers, keeping unknown ones' words in shippingMethod", async () => {
    expect(await column(`SELECT "orderNumber", carrier::text, "shippingMethod" FROM ${SCRATCH}."Purchasing" ORDER BY id`)).toEqual([
      { orderNumber: "W1", carrier: "yamato", shippingMethod: null },
      { orderNumber: "W2", carrier: "japan_post", shippingMethod: null },
      { orderNumber: "W3", carrier: "yamato", shippingMethod: null },
      { orderNumber: "W4", carrier: "japan_post", shippingMethod: null },
      { orderNumber: "W5", carrier: null, shippingMethod: "sagawa" },
      { orderNumber: "W6", carrier: null, shippingMethod: "佐川急便" },
      { orderNumber: "W7", carrier: null, shippingMethod: null },
    ]);
    expect((await column(`SELECT carrier::text FROM ${SCRATCH}."PurchasingStatusChange" ORDER BY id`)).map((r) => r.carrier)).toEqual([
      "yamato",
      "japan_post",
      null,
    ]);
  });

  it("keeps SyncLog rows and their index, forgets locales the app does not offer", async () => {
    expect((await column(`SELECT count(*)::int AS n FROM ${SCRATCH}."SyncLog"`))[0].n).toBe(2);
    expect(
      await column(
        `SELECT indexname FROM pg_indexes WHERE schemaname = '${SCRATCH}' AND tablename = 'SyncLog' AND indexname LIKE '%operationType%'`,
      ),
    ).toHaveLength(1);
    await expect(client.query(`INSERT INTO ${SCRATCH}."SyncLog" ("operationType") VALUES ('japan_post_worker')`)).rejects.toThrow(
      /check constraint/,
    );
    expect((await column(`SELECT locale FROM ${SCRATCH}."User" ORDER BY id`)).map((r) => r.locale)).toEqual(["en", "zh-CN", null, null]);
    expect((await column(`SELECT locale FROM ${SCRATCH}."NotificationChannel"`)).map((r) => r.locale)).toEqual(["zh-CN"]);
  });
});
