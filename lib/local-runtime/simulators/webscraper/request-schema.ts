import { z } from "zod";

export const createScrapingJobSchema = z.object({
  sitemap_id: z.coerce.number().int().positive(),
  driver: z.enum(["fast", "fulljs"]),
  page_load_delay: z.number().int().nonnegative(),
  request_interval: z.number().int().nonnegative(),
  start_urls: z.array(z.url()).min(1).optional(),
  custom_id: z.string().min(1).max(255).optional(),
});

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}
