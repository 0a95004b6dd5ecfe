// Deterministic Temu shops: every order's whole life (created, unshipped,
// shipped, package number known, delivered, or canceled) is fixed at start from
// the seed, and what the API shows is that life read at the simulated time, so
// statuses move as the clock moves and the same seed always answers the same.
import { createRandom, hashString } from "../framework/random";

export interface SimulatedShopConfig {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  orderCount: number;
  goodsCount?: number;
  /** Orders are spread over this many days before the simulator started … */
  historyDays?: number;
  /** … and keep arriving for this many days after. */
  futureDays?: number;
  tokenExpired?: boolean;
}

export interface OrderLife {
  parentOrderSn: string;
  createTime: number; // seconds
  unshippingAt: number;
  canceledAt: number | null;
  shippedAt: number | null;
  packageAt: number | null;
  deliveredAt: number | null;
  packageSn: string | null;
  children: { orderSn: string; goodsId: number; goodsName: string; skuId: number; quantity: number }[];
}

export interface OrderView {
  life: OrderLife;
  status: number;
  updateTime: number;
}

const HOUR = 3600;
const DAY = 86_400;
const GOODS_NAMES = [
  "Phone case",
  "USB-C cable",
  "Desk lamp",
  "Water bottle",
  "Yoga mat",
  "Bluetooth speaker",
  "Rice cooker",
  "Kitchen scale",
  "Backpack",
  "Wall clock",
];

function digits(random: () => number, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += Math.floor(random() * 10);
  return out;
}

export function buildOrderLives(shop: SimulatedShopConfig, seed: number, startSeconds: number): OrderLife[] {
  const historyDays = shop.historyDays ?? 60;
  const futureDays = shop.futureDays ?? 30;
  const first = startSeconds - historyDays * DAY;
  const span = (historyDays + futureDays) * DAY;
  const lives: OrderLife[] = [];
  for (let i = 0; i < shop.orderCount; i++) {
    const random = createRandom(hashString(`${seed}:${shop.shopId}:${i}`));
    const createTime = Math.floor(first + (i * span) / shop.orderCount + random() * (span / shop.orderCount));
    const parentOrderSn = `PO-211-${String(hashString(shop.shopId) % 100000).padStart(5, "0")}${String(i).padStart(7, "0")}${digits(random, 5)}`;
    const unshippingAt = createTime + Math.floor(10 * 60 + random() * 50 * 60);
    const canceled = random() < 0.05;
    const shippedAt = canceled ? null : unshippingAt + Math.floor(HOUR + random() * 2 * DAY);
    const packageAt = shippedAt === null ? null : shippedAt + Math.floor(30 * 60 + random() * 6 * HOUR);
    const deliveredAt = shippedAt === null ? null : shippedAt + Math.floor(2 * DAY + random() * 5 * DAY);
    const childCount = 1 + Math.floor(random() * 3);
    const children = Array.from({ length: childCount }, (_, c) => {
      const g = Math.floor(random() * GOODS_NAMES.length);
      return {
        orderSn: `211-${parentOrderSn.slice(7)}${c}`,
        goodsId: 601_099_500_000_000 + (hashString(`${shop.shopId}:g${g}`) % 1_000_000),
        goodsName: GOODS_NAMES[g],
        skuId: 17_592_352_000_000 + (hashString(`${shop.shopId}:s${g}:${c}`) % 1_000_000),
        quantity: 1 + Math.floor(random() * 2),
      };
    });
    lives.push({
      parentOrderSn,
      createTime,
      unshippingAt,
      canceledAt: canceled ? createTime + Math.floor(HOUR + random() * 5 * HOUR) : null,
      shippedAt,
      packageAt,
      deliveredAt,
      packageSn: shippedAt === null ? null : `PK${digits(random, 12)}`,
      children,
    });
  }
  return lives;
}

/** The order as the API shows it at `now` (null before it exists). */
export function viewAt(life: OrderLife, now: number): OrderView | null {
  if (life.createTime > now) return null;
  let status = 1;
  let updateTime = life.createTime;
  if (life.canceledAt !== null && life.canceledAt <= now) return { life, status: 3, updateTime: life.canceledAt };
  if (life.unshippingAt <= now) {
    status = 2;
    updateTime = life.unshippingAt;
  }
  if (life.shippedAt !== null && life.shippedAt <= now) {
    status = 4;
    updateTime = life.shippedAt;
  }
  if (life.deliveredAt !== null && life.deliveredAt <= now) {
    status = 5;
    updateTime = life.deliveredAt;
  }
  return { life, status, updateTime };
}

export function packageVisible(life: OrderLife, now: number): boolean {
  return life.packageAt !== null && life.packageAt <= now;
}
