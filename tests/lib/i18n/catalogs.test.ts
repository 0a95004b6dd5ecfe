import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { flattenKeys, listNamespaces, readMessages } from "../../../lib/i18n/load-messages";
import { LOCALES } from "../../../lib/i18n/locales";

const en = readMessages("en");
const zh = readMessages("zh-CN");

function leaves(messages: Record<string, unknown>, prefix = ""): [string, string][] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === "object" && v !== null
      ? leaves(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k}`, String(v)] as [string, string]],
  );
}

// Strings that are the same in Chinese: brand and product names, identifiers, symbols.
const SAME_IN_CHINESE = /^(app\.name|nav\.temu|placeholders\.temu\.title|settings\.languages\..*|batch\.columns\.url|common\.(csv|xlsx))$/;

describe("message catalogs", () => {
  it("every locale has the same namespace files", () => {
    const namespaces = listNamespaces("en");
    expect(namespaces.length).toBeGreaterThan(5);
    for (const locale of LOCALES) expect(listNamespaces(locale)).toEqual(namespaces);
  });

  it("en and zh-CN have exactly the same keys", () => {
    const enKeys = flattenKeys(en).sort();
    const zhKeys = flattenKeys(zh).sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it("every message is valid ICU with the same arguments in both languages", () => {
    const zhByKey = new Map(leaves(zh));
    for (const [key, enText] of leaves(en)) {
      const zhText = zhByKey.get(key)!;
      const args = (text: string, locale: string) => {
        const ast = new IntlMessageFormat(text, locale).getAst();
        const names = new Set<string>();
        const walk = (nodes: unknown[]) => {
          for (const node of nodes as { value?: unknown; options?: Record<string, { value: unknown[] }>; type: number }[]) {
            if (node.type !== 0 && typeof node.value === "string") names.add(node.value);
            for (const option of Object.values(node.options ?? {})) walk(option.value);
          }
        };
        walk(ast);
        return [...names].sort();
      };
      expect(args(zhText, "zh-CN"), key).toEqual(args(enText, "en"));
    }
  });

  it("the Chinese catalog is translated: no empty message, and Chinese text wherever the words differ", () => {
    const untranslated = leaves(zh).filter(([key, text]) => {
      if (text.trim() === "") return true;
      if (SAME_IN_CHINESE.test(key)) return false;
      return !/[\u3400-\u9fff]/.test(text);
    });
    expect(untranslated).toEqual([]);
  });
});
