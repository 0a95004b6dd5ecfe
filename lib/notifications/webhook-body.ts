// The three receivers' JSON bodies and DingTalk's request signing.
import { createHmac } from "node:crypto";
import type { NotificationFormatName } from "./channel-schema";

export interface NotificationMessage {
  /** One line: what happened. */
  title: string;
  /** Detail lines, plain text. */
  lines: string[];
  link?: { label: string; url: string };
}

// WeCom refuses markdown content over 4096 bytes; DingTalk and Slack take more,
// but an alert never needs it. Cut by characters well below that (CJK = 3 bytes).
const MAX_TEXT_CHARS = 1300;

function cut(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}

/** Markdown the way WeCom and DingTalk render it (a heading, quoted lines, a [link](url)). */
function markdown(message: NotificationMessage): string {
  const body = message.lines.map((line) => `> ${line}`).join("\n");
  const link = message.link ? `\n\n[${message.link.label}](${message.link.url})` : "";
  return cut(`### ${message.title}\n${body}`) + link;
}

/** Slack's mrkdwn: *bold* and <url|label>. */
function slackText(message: NotificationMessage): string {
  const link = message.link ? `\n<${message.link.url}|${message.link.label}>` : "";
  return cut(`*${message.title}*\n${message.lines.join("\n")}`) + link;
}

export function buildWebhookBody(format: NotificationFormatName, message: NotificationMessage): Record<string, unknown> {
  switch (format) {
    case "wecom":
      return { msgtype: "markdown", markdown: { content: markdown(message) } };
    case "dingtalk":
      return { msgtype: "markdown", markdown: { title: message.title, text: markdown(message) } };
    case "slack":
      return { text: slackText(message) };
  }
}

/**
 * DingTalk's "加签" security setting: timestamp (ms) and
 * sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)) as query
 * parameters; DingTalk refuses a timestamp more than an hour from its clock.
 */
export function signDingTalkUrl(rawUrl: string, secret: string, nowMs: number): string {
  const url = new URL(rawUrl);
  const timestamp = String(nowMs);
  const sign = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  url.searchParams.set("timestamp", timestamp);
  url.searchParams.set("sign", sign);
  return url.toString();
}
