// A page that renders a string missing from a catalog must fail the tests:
// the provider throws in strict mode (I18N_STRICT=1 in the browser tests,
// NODE_ENV=test here), and the sources use no hard-coded UI text.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { useTranslations } from "next-intl";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IntlProvider } from "../../../components/i18n/intl-provider";
import { readMessages } from "../../../lib/i18n/load-messages";
import { isStrictI18n } from "../../../lib/i18n/strict-mode";

function Label({ k }: { k: string }) {
  const t = useTranslations();
  return createElement("span", null, t(k));
}

function render(key: string, strict: boolean, locale: "en" | "zh-CN" = "en") {
  return renderToString(
    // eslint-disable-next-line react/no-children-prop -- IntlProvider's props type requires children
    createElement(IntlProvider, {
      locale,
      timeZone: "Asia/Shanghai",
      now: new Date(),
      messages: readMessages(locale) as never,
      strict,
      children: createElement(Label, { k: key }),
    }),
  );
}

describe("missing catalog strings", () => {
  it("strict mode is on under test and with I18N_STRICT=1", () => {
    expect(isStrictI18n({ NODE_ENV: "test" })).toBe(true);
    expect(isStrictI18n({ NODE_ENV: "production", I18N_STRICT: "1" })).toBe(true);
    expect(isStrictI18n({ NODE_ENV: "production" })).toBe(false);
  });

  it("renders a known key in each language", () => {
    expect(render("nav.overview", true, "en")).toContain("Overview");
    expect(render("nav.overview", true, "zh-CN")).toContain("概览");
  });

  it("throws in strict mode when a rendered key is missing, and shows a visible marker otherwise", () => {
    expect(() => render("nav.noSuchKey", true)).toThrow(/MISSING_MESSAGE|nav\.noSuchKey/);
    expect(render("nav.noSuchKey", false)).toContain("⟦nav.noSuchKey⟧");
  });
});

// UI text must come from the catalogs: JSX text, and the labelling attributes,
// may hold symbols and {expressions} but no words.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".tsx") ? [full] : [];
  });
}

const WORD = /[A-Za-z\u3040-\u30ff\u3400-\u9fff]{2,}/;

export function hardCodedStrings(source: string): string[] {
  const found: string[] = [];
  // Text between a tag's end and the next tag or expression: ">Sign in<".
  // Skips "=>" arrows and generics, and code between a fragment and the next brace (";", "(", "=").
  for (const m of source.matchAll(/(?<![=-])>([^<>{}`]*?)(?=<|\{)/g)) {
    const text = m[1].trim();
    if (text && WORD.test(text) && !/[;()=&|]/.test(text)) found.push(text);
  }
  // Labelling props written as literals: title="…", label="…", placeholder="…", aria-label="…", description="…".
  for (const m of source.matchAll(/\b(title|label|placeholder|aria-label|description|alt)="([^"]*)"/g)) {
    if (WORD.test(m[2])) found.push(`${m[1]}="${m[2]}"`);
  }
  return found;
}

describe("no hard-coded UI text in app/ and components/", () => {
  it("the check itself finds literals", () => {
    expect(hardCodedStrings(`<Th>Status</Th><p title="Click me">{t("x")}</p>`)).toEqual(["Status", 'title="Click me"']);
    expect(hardCodedStrings(`<Th>{t("status")}</Th> — <span>#</span>`)).toEqual([]);
  });

  it("every page and component reads its words from the catalogs", () => {
    const root = process.cwd();
    const offenders = [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "components"))].flatMap((file) =>
      hardCodedStrings(readFileSync(file, "utf8")).map((text) => `${path.relative(root, file)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});
