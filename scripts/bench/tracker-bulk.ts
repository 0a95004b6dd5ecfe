// Benchmark: a 10,000-row export through a tracker's set-based writes, against
// the same rows written one upsert at a time (the per-row shape the seed's
// Django tracker has). Uses DATABASE_URL, or starts its own embedded Postgres.
//   npx tsx scripts/bench/tracker-bulk.ts [rows]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../lib/local-runtime/database/embedded-postgres";
import { applyMigrations } from "../../lib/local-runtime/platform/migrate";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

const ROWS = Number(process.argv[2] ?? 10_000);
const STATUSES = ["荷物受付", "輸送中", "配達中", "配達完了", "ご不在のため持ち帰り"];

function trackingNumber(i: number): string {
  const body = String(10_000_000_000 + i).slice(-11);
  return `${body}${Number(body) % 7}`;
}

function exportCsv(prefix: string, pass: number): string {
  const lines = [
    "web-scraper-order,web-scraper-start-url,order_number,email,tracking_number,delivery_date,delivery_status,confirmed_at,shipping_method",
  ];
  for (let i = 0; i < ROWS; i++) {
    const order = `${prefix}${String(i).padStart(7, "0")}`;
    lines.push(
      [
        `${i}-1`,
        `https://store.apple.com/go/jp/vieworder/${order}/u${i}@example.com`,
        order,
        `u${i}@example.com`,
        trackingNumber(i),
        `2026-02-${String((i % 28) + 1).padStart(2, "0")}`,
        STATUSES[(i + pass) % STATUSES.length],
        "2026-01-08T10:00:00+09:00",
        "ヤマト運輸",
      ].join(","),
    );
  }
  return lines.join("\r\n");
}

async function main() {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  if (!process.env.DATABASE_URL) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "tracker-bench-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    process.env.DATABASE_URL = embedded.url;
    console.log(`embedded Postgres (PGlite) at ${embedded.url}`);
  } else {
    console.log(`DATABASE_URL ${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ":***@")}`);
  }
  try {
    await applyMigrations(process.env.DATABASE_URL!);
    // Imported after DATABASE_URL is set: the client reads it when created.
    const { prisma } = await import("../../lib/db/client");
    const { parseTrackingCsv } = await import("../../lib/tracking/processing/parse-tracking-csv");
    const { runTracker } = await import("../../lib/tracking/trackers/registry");
    const { readTrackingRow } = await import("../../lib/tracking/trackers/read-tracking-row");
    const tracker = "official_website_redirect_to_yamato_tracking";

    const timed = async (label: string, work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      const seconds = (performance.now() - start) / 1000;
      console.log(
        `${label.padEnd(44)} ${seconds.toFixed(2).padStart(8)} s ${Math.round(ROWS / seconds)
          .toString()
          .padStart(8)} rows/s`,
      );
      return seconds;
    };

    console.log(`\n${ROWS} rows, tracker ${tracker}`);
    const bulkCreate = await timed("bulk tracker, new orders (create)", async () => {
      const r = await runTracker(tracker, parseTrackingCsv(exportCsv("B", 0)).rows);
      if (r.status !== "success" || r.created !== ROWS) throw new Error(`unexpected ${JSON.stringify(r).slice(0, 200)}`);
    });
    const bulkUpdate = await timed("bulk tracker, existing orders (update)", async () => {
      const r = await runTracker(tracker, parseTrackingCsv(exportCsv("B", 1)).rows);
      if (r.status !== "success" || r.updated !== ROWS) throw new Error("unexpected");
    });

    // The same field rules, written row by row: account get-or-create, Purchasing upsert (+ Inventory).
    const perRow = async (prefix: string, pass: number) => {
      const rows = parseTrackingCsv(exportCsv(prefix, pass)).rows;
      const now = new Date();
      for (const [i, row] of rows.entries()) {
        const u = readTrackingRow(row, i + 1, "yamato");
        const account = await prisma.officialAccount.upsert({
          where: { email: u.email! },
          create: { email: u.email!, accountName: u.email!.split("@")[0], status: "active" },
          update: {},
        });
        const fields = {
          trackingNumber: u.trackingNumber,
          trackingNumberIssue: u.trackingNumberIssue,
          carrier: u.carrier,
          estimatedDeliveryDate: u.estimatedDeliveryDate ? new Date(`${u.estimatedDeliveryDate}T00:00:00Z`) : undefined,
          latestDeliveryStatus: u.latestDeliveryStatus,
          carrierStatus: u.carrierStatus,
          deliveryStatus: u.deliveryStatus ?? undefined,
          shippingMethod: u.shippingMethod,
          confirmedAt: u.confirmedAt,
          lastInfoUpdatedAt: now,
        };
        await prisma.purchasing.upsert({
          where: { orderNumber: u.orderNumber! },
          create: { orderNumber: u.orderNumber!, officialAccountId: account.id, ...fields, inventory: { create: {} } },
          update: fields,
        });
      }
    };
    const rowCreate = await timed("one upsert at a time, new orders", () => perRow("S", 0));
    const rowUpdate = await timed("one upsert at a time, existing orders", () => perRow("S", 1));

    console.log(
      `\nspeed-up create: ${(rowCreate / bulkCreate).toFixed(1)}x   update: ${(rowUpdate / bulkUpdate).toFixed(1)}x   (target ≥ 10x)`,
    );
    const counts = {
      purchasing: await prisma.purchasing.count(),
      inventory: await prisma.inventory.count(),
      accounts: await prisma.officialAccount.count(),
    };
    console.log(`rows written: ${JSON.stringify(counts)}`);
    await prisma.$disconnect();
  } finally {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
