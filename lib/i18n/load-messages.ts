// One loader merges every namespace file messages/<locale>/<namespace>.json
// into the catalog of a locale, so each area (tracking, haier, temu, …) owns
// its own file and a new namespace needs no code change.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LOCALES, type Locale } from "./locales";

export type Messages = Record<string, unknown>;

const MESSAGES_DIR = path.join(process.cwd(), "messages");
const cache = new Map<Locale, Messages>();

export function messagesDir(): string {
  return MESSAGES_DIR;
}

/** The namespace file names (without .json) of one locale, sorted. */
export function listNamespaces(locale: Locale, dir = MESSAGES_DIR): string[] {
  return readdirSync(path.join(dir, locale))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function readMessages(locale: Locale, dir = MESSAGES_DIR): Messages {
  const messages: Messages = {};
  for (const namespace of listNamespaces(locale, dir)) {
    messages[namespace] = JSON.parse(readFileSync(path.join(dir, locale, `${namespace}.json`), "utf8"));
  }
  return messages;
}

/** Cached in production; re-read in development so catalog edits show without a restart. */
export function loadMessages(locale: Locale): Messages {
  if (process.env.NODE_ENV !== "production") return readMessages(locale);
  let messages = cache.get(locale);
  if (!messages) {
    messages = readMessages(locale);
    cache.set(locale, messages);
  }
  return messages;
}

export function loadAllMessages(): Record<Locale, Messages> {
  return Object.fromEntries(LOCALES.map((l) => [l, loadMessages(l)])) as Record<Locale, Messages>;
}

/** Every leaf key as "namespace.a.b", for the catalog-parity test. */
export function flattenKeys(messages: unknown, prefix = ""): string[] {
  if (typeof messages !== "object" || messages === null) return [prefix];
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
    flattenKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}
