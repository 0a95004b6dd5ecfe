// Project-level flow control (issue 13 proof "singleton for a second tick of
// the same sync"): the real Haier and Temu schedule functions, run by the local
// executor. A tick that comes while the previous tick's sync still runs is
// skipped: no second run, no second SyncLog row, no second sync. Once the sync
// finished, the next tick runs again.
// The sync functions are stand-ins (same ids and concurrency keys) that wait
// for a release event, so "still running" lasts exactly as long as the test
// wants. Ticks are fired by moving the schedule's next_at to now, which the
// executor's cron loop picks up within a second; the daily 02:00 schedules are
// used so that no real tick falls inside the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduleFunction } from "@/inngest/functions/haier-sync-schedules";
import { SCHEDULED_SYNC_SINGLETON } from "@/inngest/functions/scheduled-sync-options";
import { createTemuScheduleFunction, temuFullOrderScheduleFunction } from "@/inngest/functions/temu-sync";
import { haierScheduleFunctions } from "@/inngest/functions/haier-sync-schedules";
import { HAIER_SCHEDULES } from "@/lib/haier/schedules";
import { TEMU_ORDER_SYNC_EVENT } from "@/lib/temu/events";
import { SCHEMA } from "@/lib/local-runtime/executor/database";
import { finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness } from "../local-runtime/executor/harness";

const APP = "sched";
const dailyHaier = HAIER_SCHEDULES.find((s) => s.id === "haier-daily-products")!;
const registered = (fn: { getConfig(o: unknown): Array<Record<string, unknown>> }) =>
  fn.getConfig({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "resale-ops" })[0];

describe("scheduled syncs: a second tick while the same sync runs", () => {
  let h: Harness;
  const haierLogs: number[] = [];
  let temuShopsAsked = 0;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness(
      APP,
      (inngest) => {
        // Stand-ins for haier-sync and temu-order-sync: running until released.
        const haierSync = inngest.createFunction(
          { id: "haier-sync", triggers: [{ event: "haier/sync.requested" }], concurrency: { limit: 1, key: "event.data.syncType" } },
          async ({ event, step }) => {
            await step.waitForEvent("until-released", { event: "test/release-haier", timeout: "1h" });
            return { log_id: event.data.logId };
          },
        );
        const temuOrderSync = inngest.createFunction(
          { id: "temu-order-sync", triggers: [{ event: TEMU_ORDER_SYNC_EVENT }], concurrency: { limit: 1, key: "event.data.shopId" } },
          async ({ event, step }) => {
            await step.waitForEvent("until-released", { event: "test/release-temu", timeout: "1h" });
            return { shop: event.data.shopId };
          },
        );
        return [
          haierSync,
          temuOrderSync,
          createScheduleFunction(dailyHaier, {
            client: inngest,
            createLog: async () => {
              haierLogs.push(haierLogs.length + 1);
              return { id: haierLogs.length };
            },
            sync: haierSync,
          }),
          createTemuScheduleFunction(
            "temu-schedule-full-orders",
            "Temu full order sync (02:00)",
            "TZ=Asia/Tokyo 0 2 * * *",
            [{ name: TEMU_ORDER_SYNC_EVENT, mode: "full" }],
            {
              client: inngest,
              shopIds: async () => {
                temuShopsAsked++;
                return [1, 2];
              },
              syncs: { [TEMU_ORDER_SYNC_EVENT]: temuOrderSync },
            },
          ),
        ];
      },
      // Real time: the tick waits up to 6 h for its sync, which must not time out at a test scale.
      { timeScale: 1 },
    );
  });
  afterAll(async () => h?.stop());

  /** Fires the schedule's tick now and waits until the executor has decided it (run created or skipped). */
  async function tick(functionId: string): Promise<void> {
    const { rowCount } = await h.db.query(`UPDATE ${SCHEMA}.crons SET next_at = now() WHERE function_id = $1`, [functionId]);
    expect(rowCount).toBe(1);
    await waitFor(
      async () => {
        const { rows } = await h.db.query(`SELECT next_at > now() AS moved FROM ${SCHEMA}.crons WHERE function_id = $1`, [functionId]);
        return rows[0]?.moved === true;
      },
      { what: `the tick of ${functionId} to be fired` },
    );
  }

  /** Waits until `count` sync runs wait for the release event (so it cannot be sent before they listen). */
  async function syncsWaiting(releaseEvent: string, count: number): Promise<void> {
    await waitFor(
      async () => {
        const { rows } = await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.waits WHERE kind = 'event' AND event_name = $1`, [
          releaseEvent,
        ]);
        return rows[0].n === count;
      },
      { what: `${count} sync(s) waiting for ${releaseEvent}` },
    );
  }

  it("registers both schedules as singletons in skip mode, and the sync functions with their queueing concurrency keys", () => {
    for (const fn of [...haierScheduleFunctions, temuFullOrderScheduleFunction]) {
      expect(registered(fn as never).singleton).toEqual(SCHEDULED_SYNC_SINGLETON);
    }
  });

  it("Haier: skips a tick while the previous tick's sync runs, runs the next one after it finished", async () => {
    const schedule = `${APP}-${dailyHaier.id}`;
    const sync = `${APP}-haier-sync`;
    await tick(schedule);
    await syncsWaiting("test/release-haier", 1);
    expect(haierLogs).toHaveLength(1);

    await tick(schedule);
    expect(await runsOf(h.db, schedule)).toHaveLength(1);
    expect(await runsOf(h.db, sync)).toHaveLength(1);
    expect(haierLogs).toHaveLength(1); // no second SyncLog row

    await h.inngest.send({ name: "test/release-haier", data: {} });
    const [first] = await finishedRuns(h.db, schedule, 1);
    expect(first.status).toBe("completed");
    expect(first.output).toMatchObject({ log_id: 1, sync: "finished" });

    await tick(schedule);
    await syncsWaiting("test/release-haier", 1);
    expect(await runsOf(h.db, sync)).toHaveLength(2);
    expect(haierLogs).toHaveLength(2);
    await h.inngest.send({ name: "test/release-haier", data: {} });
    const done = await finishedRuns(h.db, schedule, 2);
    expect(done.map((r) => r.status)).toEqual(["completed", "completed"]);
  });

  it("Temu: skips a tick while any shop's sync of the previous tick runs", async () => {
    const schedule = `${APP}-temu-schedule-full-orders`;
    const sync = `${APP}-temu-order-sync`;
    await tick(schedule);
    await syncsWaiting("test/release-temu", 2);

    await tick(schedule);
    expect(await runsOf(h.db, schedule)).toHaveLength(1);
    expect(await runsOf(h.db, sync)).toHaveLength(2);
    expect(temuShopsAsked).toBe(1);

    await h.inngest.send({ name: "test/release-temu", data: {} });
    const [first] = await finishedRuns(h.db, schedule, 1);
    expect(first.output).toMatchObject({ shops: 2, events: 2, failed: 0 });

    await tick(schedule);
    await syncsWaiting("test/release-temu", 2);
    expect(await runsOf(h.db, sync)).toHaveLength(4);
    await h.inngest.send({ name: "test/release-temu", data: {} });
    expect((await finishedRuns(h.db, schedule, 2)).map((r) => r.status)).toEqual(["completed", "completed"]);
  });
});
