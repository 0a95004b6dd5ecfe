// next-intl request configuration without the locale in the URL: the signed-in
// user's setting, else the sign-in page's cookie, else Accept-Language.
import { cookies, headers } from "next/headers";
import { IntlErrorCode } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { getStaffSession } from "@/lib/auth/get-staff-session";
import { loadMessages } from "@/lib/i18n/load-messages";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";
import { isStrictI18n, missingMessageText } from "@/lib/i18n/strict-mode";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/time-zones";
import { getUserPreferences } from "@/lib/users/user-preferences";

export default getRequestConfig(async () => {
  const [headerList, cookieStore, session] = await Promise.all([headers(), cookies(), getStaffSession()]);
  const preferences = session?.user ? await getUserPreferences(Number(session.user.id)) : null;
  const locale = resolveLocale({
    userLocale: preferences?.locale,
    cookieLocale: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
  const strict = isStrictI18n();
  return {
    locale,
    timeZone: preferences?.timeZone ?? DEFAULT_TIME_ZONE,
    messages: loadMessages(locale) as Record<string, never>,
    onError(error) {
      if (strict) throw error;
      console.error(`[i18n] ${error.code === IntlErrorCode.MISSING_MESSAGE ? "missing message" : error.code}: ${error.message}`);
    },
    getMessageFallback: ({ namespace, key }) => missingMessageText(namespace, key),
  };
});
