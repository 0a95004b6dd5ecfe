// What an admin may store as the outgoing alert webhook, shared by the API,
// the settings form and the tests.
import { z } from "zod";
import { LOCALES } from "../i18n/locales";

export const NOTIFICATION_FORMATS = ["wecom", "dingtalk", "slack"] as const;
export type NotificationFormatName = (typeof NOTIFICATION_FORMATS)[number];

/** http(s) only: a webhook is POSTed by the server, so file:, data:, javascript: … are refused. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url()
  // zod runs this check even when .url() failed, so it parses defensively.
  .refine(
    (value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol),
    "The URL must start with http:// or https://",
  );

/**
 * PUT body. `url` and `secret` are credentials the API never returns in full,
 * so the form sends them only when changed: omitted = keep; `secret: null` or
 * "" = remove. `url` is required only when no channel exists yet.
 */
export const channelInputSchema = z
  .object({
    url: webhookUrlSchema.optional(),
    format: z.enum(NOTIFICATION_FORMATS),
    enabled: z.boolean().default(true),
    locale: z.enum(LOCALES).default("zh-CN"),
    secret: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

export type ChannelInput = z.infer<typeof channelInputSchema>;
