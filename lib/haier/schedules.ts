// Seed 003 "生产环境部署" cron lines as engine schedules, in Haier's time zone
// (Asia/Shanghai unless HAIER_CRON_TZ says otherwise).
import type { HaierSyncRequest } from "./sync/types";

export function haierCronTimeZone(env: Record<string, string | undefined> = process.env): string {
  return env.HAIER_CRON_TZ?.trim() || "Asia/Shanghai";
}

export interface HaierSchedule {
  id: string;
  name: string;
  /** Without the time zone prefix. */
  cron: string;
  request: HaierSyncRequest;
}

export const HAIER_SCHEDULES: HaierSchedule[] = [
  {
    id: "haier-daily-products",
    name: "Haier daily products, prices and stock (02:00)",
    cron: "0 2 * * *",
    request: { syncType: "products", syncPrices: true, syncStock: true, countyCode: "110101" },
  },
  {
    id: "haier-hourly-prices",
    name: "Haier hourly prices",
    cron: "0 * * * *",
    request: { syncType: "prices", syncPrices: true, syncStock: false, countyCode: "110101" },
  },
  {
    id: "haier-stock-110101",
    name: "Haier stock for 110101 every 30 minutes",
    cron: "*/30 * * * *",
    request: { syncType: "stock", syncPrices: false, syncStock: true, countyCode: "110101" },
  },
];

export function zonedCron(cron: string, env?: Record<string, string | undefined>): string {
  return `TZ=${haierCronTimeZone(env)} ${cron}`;
}
