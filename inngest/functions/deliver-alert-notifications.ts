// Delivers the alert-notification outbox (lib/notifications): at once when the
// monitoring evaluation opened or cleared alerts, and every minute as a sweeper
// for retries whose backoff has elapsed and rows a crashed run left claimed.
import { inngest } from "@/inngest/client";
import { prisma } from "@/lib/db/client";
import { configuredAppUrl } from "@/lib/notifications/alert-message";
import { deliverDueNotifications, type DeliverySummary } from "@/lib/notifications/deliver-notifications";
import { ALERTS_CHANGED_EVENT } from "@/lib/notifications/events";

/** Batches of 50 per run; the rest waits for the next minute (a flood of alerts is not worth a longer run). */
const BATCHES_PER_RUN = 4;

export const deliverAlertNotificationsFunction = inngest.createFunction(
  {
    id: "deliver-alert-notifications",
    name: "Monitoring: deliver alert notifications",
    triggers: [{ event: ALERTS_CHANGED_EVENT }, { cron: "* * * * *" }],
    // Claims already keep rows exclusive; one run at a time keeps the chat's order.
    concurrency: { limit: 1 },
    // The outbox carries its own retries (persisted nextAttemptAt); the run itself is retried little.
    retries: 1,
  },
  async ({ step }) => {
    const totals: DeliverySummary = { sent: 0, retrying: 0, failed: 0, skipped: 0, more: false };
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const batch = await step.run(`deliver-${i}`, () =>
        deliverDueNotifications({ db: prisma, fetch: (url, init) => fetch(url, init), now: () => new Date(), appUrl: configuredAppUrl() }),
      );
      totals.sent += batch.sent;
      totals.retrying += batch.retrying;
      totals.failed += batch.failed;
      totals.skipped += batch.skipped;
      totals.more = batch.more;
      if (!batch.more) break;
    }
    return totals;
  },
);
