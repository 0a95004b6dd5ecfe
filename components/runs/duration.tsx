"use client";

import { useTranslations } from "next-intl";
import { durationParts } from "./run-format";

export function Duration({ ms }: { ms: number | null }) {
  const t = useTranslations("runs");
  if (ms === null) return <>—</>;
  const { unit, values } = durationParts(ms);
  return <>{unit === "ms" ? t("durationMs", values) : unit === "seconds" ? t("durationSeconds", values) : t("durationMinutes", values)}</>;
}
