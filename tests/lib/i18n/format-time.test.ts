import { describe, expect, it } from "vitest";
import { formatAbsoluteTime, formatCarrierTime, formatDateTime, formatRelativeTime, zoneLabel } from "../../../lib/i18n/format-time";
import { DEFAULT_TIME_ZONE, isTimeZone } from "../../../lib/i18n/time-zones";

const instant = "2026-11-24T12:10:20Z";

describe("time formatting", () => {
  it("absolute times are yyyy-MM-dd HH:mm with the zone named, in Shanghai and Tokyo", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Asia/Shanghai");
    expect(formatAbsoluteTime(instant, "Asia/Shanghai")).toBe("2026-11-24 20:10 UTC+8");
    expect(formatAbsoluteTime(instant, "Asia/Tokyo")).toBe("2026-11-24 21:10 JST");
    expect(formatAbsoluteTime(new Date(instant), "UTC")).toBe("2026-11-24 12:10 UTC");
    expect(formatDateTime(instant, "America/Los_Angeles")).toBe("2026-11-24 04:10");
    expect(zoneLabel("America/Los_Angeles", "2026-07-01T00:00:00Z")).toBe("UTC-7");
  });

  it("crosses midnight in the zone, not the server's", () => {
    expect(formatAbsoluteTime("2026-12-31T16:30:00Z", "Asia/Shanghai")).toBe("2027-01-01 00:30 UTC+8");
    expect(formatAbsoluteTime("2026-12-31T16:30:00Z", "Asia/Tokyo")).toBe("2027-01-01 01:30 JST");
  });

  it("relative times in both languages", () => {
    const now = "2026-11-24T12:13:30Z";
    expect(formatRelativeTime(instant, now, "zh-CN")).toBe("3分钟前");
    expect(formatRelativeTime(instant, now, "en")).toBe("3 minutes ago");
    expect(formatRelativeTime(instant, "2026-11-24T12:10:40Z", "en")).toBe("now");
    expect(formatRelativeTime(instant, "2026-11-24T15:10:20Z", "zh-CN")).toBe("3小时前");
    expect(formatRelativeTime(instant, "2026-11-26T12:10:20Z", "en")).toBe("2 days ago");
    expect(formatRelativeTime("not a date", now, "en")).toBe("—");
  });

  it("carrier dates and times are Japan time, labelled JST", () => {
    expect(formatCarrierTime("2026-11-25")).toBe("2026-11-25 JST");
    expect(formatCarrierTime("2026/11/25 9:05")).toBe("2026-11-25 09:05 JST");
    expect(formatCarrierTime("2026年11月25日 14:00")).toBe("2026-11-25 14:00 JST");
    expect(formatCarrierTime("午前中")).toBe("午前中 JST");
    expect(formatCarrierTime(null)).toBe("—");
  });

  it("accepts IANA zones only", () => {
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
