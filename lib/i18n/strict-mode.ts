// In strict mode a string missing from a catalog is an error, not a fallback,
// so the browser tests fail on any page that renders one (issue 11 §1).
export function isStrictI18n(env: Record<string, string | undefined> = process.env): boolean {
  return env.I18N_STRICT === "1" || env.NODE_ENV === "test";
}

/** What a missing key renders as outside strict mode: visible, and easy to grep for. */
export function missingMessageText(namespace: string | undefined, key: string): string {
  return `⟦${namespace ? `${namespace}.` : ""}${key}⟧`;
}
