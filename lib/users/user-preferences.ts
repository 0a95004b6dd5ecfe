// A staff member's language and time zone (issue 11 §1–2), kept across sessions.
import { z } from "zod";
import { prisma, type Db } from "../db/client";
import { LOCALES, type Locale } from "../i18n/locales";
import { DEFAULT_TIME_ZONE, isTimeZone } from "../i18n/time-zones";

export interface UserPreferences {
  /** null until the user chooses; the browser's Accept-Language decides meanwhile. */
  locale: Locale | null;
  timeZone: string;
}

export const preferencesInputSchema = z
  .object({
    locale: z.enum(LOCALES).nullable().optional(),
    time_zone: z.string().refine(isTimeZone, "an IANA time zone such as Asia/Shanghai").optional(),
  })
  .strict();

export type PreferencesInput = z.input<typeof preferencesInputSchema>;

function toPreferences(row: { locale: string | null; timeZone: string }): UserPreferences {
  const locale = (LOCALES as readonly string[]).includes(row.locale ?? "") ? (row.locale as Locale) : null;
  return { locale, timeZone: isTimeZone(row.timeZone) ? row.timeZone : DEFAULT_TIME_ZONE };
}

export async function getUserPreferences(userId: number, db: Db = prisma): Promise<UserPreferences | null> {
  if (!Number.isInteger(userId)) return null;
  const row = await db.user.findUnique({ where: { id: userId }, select: { locale: true, timeZone: true } });
  return row ? toPreferences(row) : null;
}

export async function updateUserPreferences(userId: number, input: PreferencesInput, db: Db = prisma): Promise<UserPreferences> {
  const parsed = preferencesInputSchema.parse(input);
  const row = await db.user.update({
    where: { id: userId },
    data: {
      ...(parsed.locale !== undefined ? { locale: parsed.locale } : {}),
      ...(parsed.time_zone !== undefined ? { timeZone: parsed.time_zone } : {}),
    },
    select: { locale: true, timeZone: true },
  });
  return toPreferences(row);
}
