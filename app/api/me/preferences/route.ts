// GET /api/me/preferences – the signed-in user's language and time zone
// PATCH /api/me/preferences – change them: {"locale": "zh-CN" | "en" | null, "time_zone": "Asia/Tokyo"}
import { NextResponse } from "next/server";
import { withStaff } from "@/lib/api/with-session";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { getUserPreferences, preferencesInputSchema, updateUserPreferences } from "@/lib/users/user-preferences";
import { notFound } from "@/lib/api/errors";

function serialize(preferences: { locale: string | null; timeZone: string }) {
  return { locale: preferences.locale, time_zone: preferences.timeZone };
}

export const GET = withStaff(async ({ session }) => {
  const preferences = await getUserPreferences(Number(session.user.id));
  if (!preferences) throw notFound("User not found", { code: "user_not_found" });
  return NextResponse.json(serialize(preferences));
});

export const PATCH = withStaff(async ({ req, session }) => {
  const input = preferencesInputSchema.parse(await req.json().catch(() => ({})));
  const preferences = await updateUserPreferences(Number(session.user.id), input);
  const response = NextResponse.json(serialize(preferences));
  // Keep the sign-in page in the same language after signing out.
  if (preferences.locale) {
    response.cookies.set(LOCALE_COOKIE, preferences.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  }
  return response;
});
