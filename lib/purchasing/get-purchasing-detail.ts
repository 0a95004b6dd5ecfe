// One order for its own page (issue 11 §5): the order, its account, the
// tracking number with carrier and check-digit verdict, a link to the carrier's
// own tracking page, and the history of every status change with what caused it.
import { prisma } from "../db/client";
import { buildJapanPostSearchUrl } from "../tracking/publishing/build-japan-post-urls";
import { serializePurchasing } from "./search-purchasings";

/** The carrier's public tracking page for a number (what staff would open by hand). */
export function carrierTrackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  if (!trackingNumber) return null;
  if (carrier === "yamato") return `https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=${encodeURIComponent(trackingNumber)}`;
  if (carrier === "japan_post") return buildJapanPostSearchUrl([trackingNumber]);
  return null;
}

export async function getPurchasingDetail(orderNumber: string) {
  const p = await prisma.purchasing.findUnique({
    where: { orderNumber },
    include: {
      officialAccount: { select: { email: true, accountName: true } },
      inventory: { select: { productName: true, status: true } },
      statusChanges: { orderBy: [{ recordedAt: "desc" }, { id: "desc" }], take: 500 },
    },
  });
  if (!p) return null;
  const customIds = [...new Set(p.statusChanges.flatMap((c) => (c.customId ? [c.customId] : [])))];
  const jobs = customIds.length
    ? await prisma.trackingJob.findMany({
        where: { customId: { in: customIds } },
        select: { customId: true, jobId: true, batch: { select: { batchUuid: true } } },
      })
    : [];
  const jobByCustomId = new Map(jobs.map((j) => [j.customId, j]));
  return {
    ...serializePurchasing(p),
    account_name: p.officialAccount?.accountName ?? null,
    // "valid" when the number passed its carrier's check digit; otherwise the issue.
    check_digit: p.trackingNumber ? (p.trackingNumberIssue ?? "valid") : null,
    carrier_tracking_url: carrierTrackingUrl(p.carrier, p.trackingNumber),
    history: p.statusChanges.map((c) => {
      const job = c.customId ? jobByCustomId.get(c.customId) : undefined;
      return {
        id: c.id,
        recorded_at: c.recordedAt,
        delivery_status: c.deliveryStatus,
        previous_delivery_status: c.previousDeliveryStatus,
        carrier_status: c.carrierStatus,
        previous_carrier_status: c.previousCarrierStatus,
        carrier: c.carrier,
        tracking_number: c.trackingNumber,
        tracker: c.tracker,
        custom_id: c.customId,
        webscraper_job_id: job?.jobId ?? null,
        batch_uuid: job?.batch.batchUuid ?? null,
      };
    }),
  };
}

export type PurchasingDetail = NonNullable<Awaited<ReturnType<typeof getPurchasingDetail>>>;
