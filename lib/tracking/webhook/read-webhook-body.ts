// WebScraper.io POSTs its job-finished notification form-encoded
// (scrapingjob_id, status, sitemap_id, sitemap_name, custom_id); our own tools
// and the seed's curl examples send JSON. Both are read into one flat object.
import { badRequest } from "@/lib/api/errors";

export async function readWebhookBody(req: Request): Promise<Record<string, unknown>> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const text = await req.text();
  if (text.trim() === "") return {};
  if (type.includes("multipart/form-data")) {
    const form = await new Response(text, { headers: { "content-type": type } }).formData();
    return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : v.name]));
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  // JSON, or an unlabelled body: JSON if it parses as an object, else form-encoded.
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    throw badRequest("Webhook body must be a JSON object or form fields", undefined, { code: "webhook_body_invalid" });
  } catch (error) {
    if (type.includes("json")) throw error instanceof SyntaxError ? badRequest("Webhook body is not valid JSON", undefined, { code: "webhook_body_not_json" }) : error;
    return Object.fromEntries(new URLSearchParams(text));
  }
}
