// Carrier statuses are kept verbatim (Purchasing.carrierStatus) and mapped to
// one DeliveryStatus so staff can filter Yamato, Japan Post and Apple alike.
// Scraped texts vary ("配達完了（宅配ボックス）", "保管中（営業所）"), so the
// rules match fragments, most specific first: a return or an investigation
// outranks any progress word that may appear in the same text.
import type { DeliveryStatus } from "@/lib/db/client";

const RULES: ReadonlyArray<readonly [DeliveryStatus, readonly string[]]> = [
  [
    "exception",
    [
      "調査中",
      "返送",
      "返品",
      "差出人",
      "保管期間経過",
      "誤り",
      "破損",
      "事故",
      "住所不明",
      "宛所不明",
      "受取拒否",
      "exception",
      "returned",
    ],
  ],
  ["failed_attempt", ["不在", "持ち帰り", "持ち戻り", "持戻", "attempted"]],
  ["available_for_pickup", ["保管", "窓口にてお受け取り", "受け取り可能", "ready for pickup"]],
  [
    "delivered",
    ["配達完了", "お届け済み", "お届け先にお届け", "窓口でお渡し", "お渡し済み", "配達済み", "受取済み", "配送済み", "delivered"],
  ],
  ["out_for_delivery", ["配達中", "持出中", "持ち出し中", "out for delivery"]],
  ["in_transit", ["輸送中", "通過", "到着", "発送", "引受", "中継", "出荷", "作業店", "配送中", "国際交換局", "shipped", "in transit"]],
  // Apple's order page: "ご注文受付" is an order, not a parcel, so it precedes the 受付 rule.
  ["pending", ["注文", "準備中", "処理中", "processing", "preparing"]],
  ["info_received", ["荷物受付", "依頼受付", "受付", "伝票", "label created"]],
];

const NORMALIZED_RULES = RULES.map(([status, fragments]) => [status, fragments.map((f) => f.normalize("NFKC").toLowerCase())] as const);

/** null when the text names no known state: the caller keeps the current DeliveryStatus. */
export function normalizeDeliveryStatus(carrierStatus: string | null | undefined): DeliveryStatus | null {
  if (!carrierStatus) return null;
  const text = carrierStatus.normalize("NFKC").toLowerCase();
  for (const [status, fragments] of NORMALIZED_RULES) {
    if (fragments.some((f) => text.includes(f))) return status;
  }
  return null;
}
