// Demo data for the embedded default: Apple Store Japan orders in every
// delivery stage, so each dashboard page and worker has something real to act on.
// Deterministic, and only written into an empty database.
import type { Db, DeliveryStatus } from "../../db/client";
import { createRandom } from "../simulators/framework/random";
import { domesticCheckDigit } from "../../tracking/carriers/check-tracking-number";

const ACCOUNTS = ["tanaka.buyer", "sato.resale", "suzuki.ops", "kobayashi.jp", "yamada.store", "ito.import"];

interface DemoStage {
  status: DeliveryStatus;
  carrierStatus: string | null;
  withTracking: boolean;
  weight: number;
}

// Japanese carrier wording as the carriers' pages show it.
const STAGES: DemoStage[] = [
  { status: "pending", carrierStatus: null, withTracking: false, weight: 5 },
  { status: "info_received", carrierStatus: "荷物受付", withTracking: true, weight: 2 },
  { status: "in_transit", carrierStatus: "輸送中", withTracking: true, weight: 4 },
  { status: "out_for_delivery", carrierStatus: "配達中", withTracking: true, weight: 2 },
  { status: "failed_attempt", carrierStatus: "ご不在のため持ち帰り", withTracking: true, weight: 1 },
  { status: "available_for_pickup", carrierStatus: "窓口でお渡し", withTracking: true, weight: 1 },
  { status: "delivered", carrierStatus: "配達完了", withTracking: true, weight: 3 },
];

function demoTrackingNumber(random: () => number): string {
  const body = String(Math.floor(random() * 9e10) + 1e10);
  return body + String(domesticCheckDigit(body));
}

export async function seedDemoData(db: Db, options: { orders?: number } = {}): Promise<{ created: boolean; orders: number }> {
  if ((await db.purchasing.count()) > 0) return { created: false, orders: 0 };
  const random = createRandom(20260108);
  const accounts = [];
  for (const name of ACCOUNTS) {
    accounts.push(await db.officialAccount.create({ data: { email: `${name}@example.jp`, accountName: name } }));
  }
  const weighted = STAGES.flatMap((stage) => Array<DemoStage>(stage.weight).fill(stage));
  const total = options.orders ?? 60;
  const now = Date.now();
  for (let i = 0; i < total; i++) {
    const stage = weighted[Math.floor(random() * weighted.length)];
    const account = accounts[i % accounts.length];
    const orderedAt = new Date(now - Math.floor(random() * 20 + 1) * 86_400_000);
    await db.purchasing.create({
      data: {
        orderNumber: `W${String(1_234_500_000 + i * 7919)}`,
        officialAccountId: account.id,
        trackingNumber: stage.withTracking ? demoTrackingNumber(random) : null,
        carrier: stage.withTracking ? (random() < 0.75 ? "yamato" : "japan_post") : null,
        carrierStatus: stage.carrierStatus,
        latestDeliveryStatus: stage.carrierStatus?.slice(0, 10) ?? null,
        deliveryStatus: stage.status,
        shippingMethod: stage.withTracking ? "宅配便" : null,
        estimatedDeliveryDate: new Date(orderedAt.getTime() + 5 * 86_400_000),
        confirmedAt: orderedAt,
        lastInfoUpdatedAt: stage.carrierStatus ? new Date(now - 3_600_000) : null,
        inventory: {
          create: { productName: i % 3 === 0 ? "iPhone 17 Pro 256GB" : i % 3 === 1 ? "MacBook Air 13" : "AirPods Pro 3", quantity: 1 },
        },
      },
    });
  }
  return { created: true, orders: total };
}
