// Temu Open API request signing (partner documentation, "API 请求签名方法"):
// every parameter except `sign`, sorted by name (ASCII), concatenated as
// key+value with no separator, wrapped in app_secret on both sides, MD5, upper case.
// Object and array values are concatenated as their JSON text, exactly as sent.
import { createHash } from "node:crypto";

export type TemuParams = Record<string, unknown>;

function valueText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The string that gets hashed (exported for tests and for debugging a mismatch). */
export function temuSignString(params: TemuParams, appSecret: string): string {
  const body = Object.keys(params)
    .filter((key) => key !== "sign" && params[key] !== undefined)
    .sort()
    .map((key) => `${key}${valueText(params[key])}`)
    .join("");
  return `${appSecret}${body}${appSecret}`;
}

export function signTemuParams(params: TemuParams, appSecret: string): string {
  return createHash("md5").update(temuSignString(params, appSecret), "utf8").digest("hex").toUpperCase();
}
