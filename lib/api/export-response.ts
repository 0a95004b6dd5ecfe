// One way every list export answers: a streamed attachment named after the list.
import { z } from "zod";
import { EXPORT_CONTENT_TYPES, exportStream, type ExportFormat, type ExportTable } from "../export/table-export";
import { DEFAULT_TIME_ZONE } from "../i18n/time-zones";
import { getUserPreferences } from "../users/user-preferences";

export const exportFormat = z.enum(["csv", "xlsx"]).default("csv");

/** The query without the export's own `format`, for the list's zod schema. */
export function withoutFormat(params: Record<string, string>): Record<string, string> {
  const { format: _format, ...rest } = params;
  return rest;
}

export async function exportTimeZone(userId: string): Promise<string> {
  return (await getUserPreferences(Number(userId)))?.timeZone ?? DEFAULT_TIME_ZONE;
}

export function exportResponse(format: ExportFormat, table: ExportTable, basename: string, now = new Date()): Response {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(exportStream(format, table, basename), {
    headers: {
      "content-type": EXPORT_CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${basename}-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
