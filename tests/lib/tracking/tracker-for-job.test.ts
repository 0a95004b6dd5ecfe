import { describe, expect, it } from "vitest";
import { redirectCustomId } from "@/lib/tracking/redirect/redirect-custom-id";
import { getTrackerConfig } from "@/lib/tracking/tracker-configs";
import { trackerForJob } from "@/lib/tracking/tracker-for-job";

const OWRYT = "official_website_redirect_to_yamato_tracking";

describe("trackerForJob", () => {
  it("uses the batch's tracker for an ordinary job", () => {
    expect(trackerForJob({ customId: "owryt-aaaaaaaa-0000", batchTaskName: OWRYT })).toBe(OWRYT);
    expect(trackerForJob({ customId: "yto-aaaaaaaa-0003", batchTaskName: "yamato_tracking_only" })).toBe("yamato_tracking_only");
  });

  it("uses redirect_to_japan_post_tracking (sitemap 1421178) for a redirect's jpt-from-owryt job in an owryt batch", () => {
    const tracker = trackerForJob({ customId: redirectCustomId("owryt-aaaaaaaa-0000"), batchTaskName: OWRYT });
    expect(tracker).toBe("redirect_to_japan_post_tracking");
    expect(getTrackerConfig("redirect_to_japan_post_tracking").sitemapId).toBe(1421178);
  });

  it("only a jpt-from-owryt- prefix marks a redirect", () => {
    expect(trackerForJob({ customId: "jpto-aaaaaaaa-0000", batchTaskName: "japan_post_tracking_only" })).toBe("japan_post_tracking_only");
    expect(trackerForJob({ customId: "x-jpt-from-owryt-owryt-a-0", batchTaskName: OWRYT })).toBe(OWRYT);
  });

  it("passes an unknown batch taskName through for the caller to reject", () => {
    expect(trackerForJob({ customId: "zz-aaaaaaaa-0000", batchTaskName: "nope" })).toBe("nope");
  });
});
