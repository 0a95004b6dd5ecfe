import type { Metadata } from "next";
import { getLocale, getMessages, getNow, getTimeZone, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { IntlProvider } from "@/components/i18n/intl-provider";
import { Providers } from "@/components/providers";
import { isStrictI18n } from "@/lib/i18n/strict-mode";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: t("name"),
    description: t("description"),
    icons: { icon: "/favicon.svg" },
    // An internal tool: keep it out of search engines.
    robots: { index: false, follow: false },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages, timeZone, now] = await Promise.all([getLocale(), getMessages(), getTimeZone(), getNow()]);
  return (
    <html lang={locale}>
      <body>
        <IntlProvider locale={locale} messages={messages} timeZone={timeZone} now={now} strict={isStrictI18n()}>
          <Providers>{children}</Providers>
        </IntlProvider>
      </body>
    </html>
  );
}
