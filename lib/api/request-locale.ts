// The language of an API answer: the signed-in user's setting, else the
// language cookie, else the request's Accept-Language (issue 11 §1).
import type { NextRequest } from "next/server";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "../i18n/locales";
import { getUserPreferences } from "../users/user-preferences";

export async function resolveRequestLocale(req: Pick<NextRequest, "headers" | "cookies">, userId?: string | null): Promise<Locale> {
  let userLocale: string | null = null;
  if (userId) {
    try {
      userLocale = (await getUserPreferences(Number(userId)))?.locale ?? null;
    } catch {
      // The database being down must not hide the error being reported.
    }
  }
  return resolveLocale({
    userLocale,
    cookieLocale: req.cookies?.get(LOCALE_COOKIE)?.value ?? null,
    acceptLanguage: req.headers.get("accept-language"),
  });
}
