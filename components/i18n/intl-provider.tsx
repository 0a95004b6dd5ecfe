"use client";

// Client side of next-intl: functions (onError, the fallback) cannot cross from
// the server, so they are defined here; `strict` makes a missing string throw.
import { IntlErrorCode, NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import type { ReactNode } from "react";
import { missingMessageText } from "@/lib/i18n/strict-mode";

export function IntlProvider({
  locale,
  timeZone,
  messages,
  now,
  strict,
  children,
}: {
  locale: string;
  timeZone: string;
  messages: AbstractIntlMessages;
  now: Date;
  strict: boolean;
  children: ReactNode;
}) {
  return (
    <NextIntlClientProvider
      locale={locale}
      timeZone={timeZone}
      messages={messages}
      now={now}
      onError={(error) => {
        if (strict) throw error;
        console.error(`[i18n] ${error.code === IntlErrorCode.MISSING_MESSAGE ? "missing message" : error.code}: ${error.message}`);
      }}
      getMessageFallback={({ namespace, key }) => missingMessageText(namespace, key)}
    >
      {children}
    </NextIntlClientProvider>
  );
}
