import { makeTrackingNumber } from "./check-digit";
import type { ParcelScenario } from "./progress";

export const YAMATO_STATUSES = [
  "荷物受付",
  "発送済み",
  "作業店通過",
  "輸送中",
  "配達中",
  "配達完了",
  "ご不在のため持ち帰り",
  "保管中",
] as const;

export const YAMATO_SCENARIOS: readonly ParcelScenario[] = [
  { weight: 80, statuses: ["荷物受付", "発送済み", "作業店通過", "輸送中", "配達中", "配達完了"] },
  {
    weight: 12,
    statuses: ["荷物受付", "発送済み", "作業店通過", "輸送中", "配達中", "ご不在のため持ち帰り", "配達中", "配達完了"],
  },
  { weight: 8, statuses: ["荷物受付", "発送済み", "作業店通過", "輸送中", "保管中", "配達完了"] },
];

export function yamatoTrackingNumber(random: () => number): string {
  // Real Yamato numbers commonly start with 2-7.
  return makeTrackingNumber(2 + Math.floor(random() * 6), random);
}

export function yamatoTrackingUrl(trackingNumber: string): string {
  return `https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=${trackingNumber}`;
}
