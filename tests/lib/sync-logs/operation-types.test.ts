import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { SYNC_LOG_OPERATION_TYPES } from "@/lib/sync-logs/operation-types";
import { writeSyncLog } from "@/lib/sync-logs/write-sync-log";
import { resetDatabase } from "../../setup/reset-database";

/** The quoted values of a CHECK constraint's IN list, as the database prints it. */
async function checkValues(name: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ def: string }[]>`
    SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ${name}`;
  expect(rows).toHaveLength(1);
  return [...rows[0].def.matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

describe("SyncLog operation types", () => {
  beforeEach(resetDatabase);
  afterAll(resetDatabase);

  it("the database's CHECK constraint allows exactly the const list, which is sorted as the column sorts", async () => {
    expect((await checkValues("SyncLog_operationType_check")).sort()).toEqual([...SYNC_LOG_OPERATION_TYPES].sort());
    expect([...SYNC_LOG_OPERATION_TYPES]).toEqual([...SYNC_LOG_OPERATION_TYPES].sort());
  });

  it("every listed type can be written; any other word is refused by the database", async () => {
    for (const operationType of SYNC_LOG_OPERATION_TYPES) await writeSyncLog({ operationType, message: "m", success: true });
    expect(await prisma.syncLog.count()).toBe(SYNC_LOG_OPERATION_TYPES.length);
    await expect(prisma.syncLog.create({ data: { operationType: "webhook_received", message: "m", success: true } })).rejects.toThrow(
      /check constraint|SyncLog_operationType_check/i,
    );
  });
});
