import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "../../../lib/i18n/locales";

describe("language selection", () => {
  it("Accept-Language: zh-* is Chinese, anything else English", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-TW")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-Hans-CN;q=1")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("ja-JP,zh-CN;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.3,zh-CN;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-CN;q=0,en")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBe("en");
  });

  it("the user's setting beats the cookie, which beats Accept-Language", () => {
    expect(resolveLocale({ userLocale: "en", cookieLocale: "zh-CN", acceptLanguage: "zh-CN" })).toBe("en");
    expect(resolveLocale({ userLocale: null, cookieLocale: "zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(resolveLocale({ userLocale: null, cookieLocale: null, acceptLanguage: "zh-CN" })).toBe("zh-CN");
    expect(resolveLocale({ userLocale: "fr", cookieLocale: "xx", acceptLanguage: "de" })).toBe("en");
  });
});
