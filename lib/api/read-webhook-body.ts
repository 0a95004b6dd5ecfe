// WebScraper.io POSTs its job-finished notification form-encoded
// (scrapingjob_id, status, sitemap_id, sitemap_name, custom_id); our own tools
// and the seed's curl examples send JSON; multipart is accepted too. All are
// read into one flat object. A notification is a few hundred bytes, so the
// body is capped: a larger one is refused (413) without being buffered, and a
// body that does not parse as its declared type is a 400.
import { ApiError, badRequest } from "@/lib/api/errors";

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export const payloadTooLarge = () =>
  new ApiError(413, `Webhook body is larger than ${MAX_WEBHOOK_BODY_BYTES / 1024} KB`, "payload_too_large");

/** The body's bytes, refusing (413) as soon as it is longer than maxBytes, declared or streamed. */
export async function readCappedBody(req: Request, maxBytes = MAX_WEBHOOK_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function readWebhookBody(req: Request, maxBytes = MAX_WEBHOOK_BODY_BYTES): Promise<Record<string, unknown>> {
  // The header as sent: a multipart boundary is case-sensitive.
  const contentType = req.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  const bytes = await readCappedBody(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("Webhook body is not valid UTF-8", undefined, { code: "webhook_body_invalid" });
  }
  if (text.trim() === "") return {};
  if (mediaType === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw badRequest("Webhook body is not valid multipart/form-data", undefined, { code: "webhook_body_invalid" });
    }
    return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name]));
  }
  if (mediaType === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  // JSON, or an unlabelled body: JSON if it parses as an object, else form-encoded.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (mediaType.includes("json")) throw badRequest("Webhook body is not valid JSON", undefined, { code: "webhook_body_not_json" });
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  throw badRequest("Webhook body must be a JSON object or form fields", undefined, { code: "webhook_body_invalid" });
}
