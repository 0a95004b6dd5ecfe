// The webhook URL is a credential in all three formats: only a masked form leaves the server.
import { describe, expect, it } from "vitest";
import { maskSecret, maskWebhookUrl } from "../../../lib/notifications/mask-credential";
import { channelInputSchema } from "../../../lib/notifications/channel-schema";

describe("masking webhook credentials", () => {
  it("masks WeCom's key, DingTalk's access_token and Slack's secret path", () => {
    expect(maskWebhookUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa")).toBe(
      "https://qyapi.weixin.qq.com/cgi-bin/…send?key=…5aaa",
    );
    expect(maskWebhookUrl("https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123456789abcdef")).toBe(
      "https://oapi.dingtalk.com/robot/…send?access_token=…cdef",
    );
    const slack = maskWebhookUrl("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX");
    expect(slack).toBe("https://hooks.slack.com/services/…XXXX");
    expect(slack).not.toContain("T00000000");
    expect(maskWebhookUrl("not a url")).toBe("••••");
  });

  it("masks secrets to a recognisable stub", () => {
    expect(maskSecret("SEC0123456789abcdef")).toBe("SEC…cdef");
    expect(maskSecret("short")).toBe("••••");
    expect(maskSecret(null)).toBeNull();
  });

  it("the input schema takes http(s) URLs and the three formats only", () => {
    expect(channelInputSchema.safeParse({ url: "https://oapi.dingtalk.com/robot/send?access_token=x", format: "dingtalk" }).success).toBe(
      true,
    );
    expect(channelInputSchema.safeParse({ url: "http://10.0.0.5:8080/hook", format: "slack" }).success).toBe(true);
    expect(channelInputSchema.safeParse({ url: "gopher://x", format: "slack" }).success).toBe(false);
    expect(channelInputSchema.safeParse({ url: "https://x.example", format: "teams" }).success).toBe(false);
    expect(channelInputSchema.safeParse({ url: "https://x.example", format: "slack", extra: 1 }).success).toBe(false);
  });
});
