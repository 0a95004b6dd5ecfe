"use client";

// Every time on screen goes through these (issue 11 §2): absolute times in the
// user's zone with the zone named, relative times with the absolute one on
// hover, carrier times labelled JST.
import { useLocale, useNow, useTimeZone } from "next-intl";
import { formatAbsoluteTime, formatCarrierTime, formatRelativeTime, type TimeInput } from "@/lib/i18n/format-time";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/time-zones";

function iso(value: TimeInput): string | undefined {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** `2026-11-24 20:10 UTC+8`; hover names the IANA zone. */
export function AbsoluteTime({ value, className }: { value: TimeInput | null | undefined; className?: string }) {
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  if (value === null || value === undefined) return <span className={className}>—</span>;
  return (
    <time dateTime={iso(value)} title={timeZone} className={`whitespace-nowrap ${className ?? ""}`}>
      {formatAbsoluteTime(value, timeZone)}
    </time>
  );
}

/** "3 分钟前"; hover shows the absolute time. Re-renders every 30 s. */
export function RelativeTime({ value, className }: { value: TimeInput | null | undefined; className?: string }) {
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const locale = useLocale();
  const now = useNow({ updateInterval: 30_000 });
  if (value === null || value === undefined) return <span className={className}>—</span>;
  return (
    <time
      dateTime={iso(value)}
      title={formatAbsoluteTime(value, timeZone)}
      className={`whitespace-nowrap ${className ?? ""}`}
      suppressHydrationWarning
    >
      {formatRelativeTime(value, now, locale)}
    </time>
  );
}

/** A date or time as a Japanese carrier wrote it: Japan time, labelled JST. */
export function CarrierTime({ value, className }: { value: string | null | undefined; className?: string }) {
  return <span className={`whitespace-nowrap ${className ?? ""}`}>{formatCarrierTime(value)}</span>;
}
