// What the chat receives, in the channel's language (zh-CN by default for this
// business), with a link into the app at its configured URL (never the Host a
// request came with).
import type { Alert } from "../db/client";
import { formatAbsoluteTime } from "../i18n/format-time";
import { isLocale, type Locale } from "../i18n/locales";
import { DEFAULT_TIME_ZONE } from "../i18n/time-zones";
import { translateOrNull } from "../i18n/translate";
import type { NotificationMessage } from "./webhook-body";

export type Transition = "open" | "clear";

function translate(locale: Locale, key: string, values: Record<string, string | number> = {}, fallback = key): string {
  return translateOrNull(locale, `notifications.${key}`, values) ?? fallback;
}

export function channelLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : "zh-CN";
}

/** The app's public URL from configuration (APP_URL, else NEXTAUTH_URL), without a trailing slash. */
export function configuredAppUrl(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.APP_URL || env.NEXTAUTH_URL;
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return null;
  }
}

/** Only app-relative links are joined to the app URL (alert links are paths like "/temu?shop=…"). */
function appLink(appUrl: string | null, link: string | null): string | null {
  if (!appUrl) return null;
  const path = link && link.startsWith("/") && !link.startsWith("//") ? link : "/";
  return `${appUrl}${path}`;
}

type AlertFields = Pick<Alert, "kind" | "flow" | "severity" | "message" | "link" | "firstSeenAt" | "clearedAt">;

export function composeAlertMessage(
  alert: AlertFields,
  transition: Transition,
  options: { locale: Locale; appUrl: string | null; timeZone?: string },
): NotificationMessage {
  const { locale } = options;
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const kind = translate(locale, `kinds.${alert.kind}`, {}, alert.kind);
  const lines = [
    alert.message,
    translate(locale, "message.flow", { flow: translate(locale, `flows.${alert.flow}`, {}, alert.flow) }),
    translate(locale, "message.severity", { severity: translate(locale, `severities.${alert.severity}`, {}, alert.severity) }),
    translate(locale, "message.firstSeen", { time: formatAbsoluteTime(alert.firstSeenAt, zone) }),
  ];
  if (transition === "clear" && alert.clearedAt)
    lines.push(translate(locale, "message.clearedAt", { time: formatAbsoluteTime(alert.clearedAt, zone) }));
  const url = appLink(options.appUrl, alert.link);
  return {
    title: translate(locale, transition === "open" ? "message.openTitle" : "message.clearTitle", { kind }),
    lines,
    ...(url ? { link: { label: translate(locale, "message.view"), url } } : {}),
  };
}

export function composeTestMessage(options: {
  locale: Locale;
  appUrl: string | null;
  now: Date;
  by: string;
  timeZone?: string;
}): NotificationMessage {
  const { locale } = options;
  const url = appLink(options.appUrl, "/settings/notifications");
  return {
    title: translate(locale, "message.testTitle"),
    lines: [
      translate(locale, "message.testLine"),
      translate(locale, "message.testBy", { by: options.by, time: formatAbsoluteTime(options.now, options.timeZone ?? DEFAULT_TIME_ZONE) }),
    ],
    ...(url ? { link: { label: translate(locale, "message.view"), url } } : {}),
  };
}
