import { describe, expect, it } from "vitest";
import { buildAppleStoreOrderUrl, parseAppleStoreOrderUrl } from "../../../../lib/tracking/apple-store-order-url";
import { buildJapanPostSearchUrl, trackingNumbersInJapanPostUrl } from "../../../../lib/tracking/publishing/build-japan-post-urls";
import { batchShortId, buildCustomId } from "../../../../lib/tracking/publishing/custom-id";

describe("URL and custom id formats", () => {
  it("builds the seed's Apple Store order URL, keeping @ readable", () => {
    expect(buildAppleStoreOrderUrl("W123456789", "user@example.com")).toBe(
      "https://store.apple.com/go/jp/vieworder/W123456789/user@example.com",
    );
    expect(buildAppleStoreOrderUrl(" W1 ", "a+tag@example.com")).toBe("https://store.apple.com/go/jp/vieworder/W1/a+tag@example.com");
  });

  it("encodes what would break the path", () => {
    expect(buildAppleStoreOrderUrl("W1/2", "a b@x.jp")).toBe("https://store.apple.com/go/jp/vieworder/W1%2F2/a%20b@x.jp");
    expect(buildAppleStoreOrderUrl("W1?x#y", "u@x.jp")).toBe("https://store.apple.com/go/jp/vieworder/W1%3Fx%23y/u@x.jp");
  });

  it("reads the order back from an Apple Store order URL, as the redirect chain does", () => {
    const url = buildAppleStoreOrderUrl("W1/2", "a b@x.jp");
    expect(parseAppleStoreOrderUrl(url)).toEqual({ orderNumber: "W1/2", email: "a b@x.jp" });
    expect(parseAppleStoreOrderUrl("https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=1")).toBeNull();
  });

  it("formats custom ids as {prefix}-{batch8}-{index:04}", () => {
    const uuid = "3F2A9C1D-7b2e-4c1a-9d3e-1234567890ab";
    expect(batchShortId(uuid)).toBe("3f2a9c1d");
    expect(buildCustomId("owryt", uuid, 0)).toBe("owryt-3f2a9c1d-0000");
    expect(buildCustomId("jpt10", uuid, 17)).toBe("jpt10-3f2a9c1d-0017");
  });

  it("builds and reads back Japan Post search URLs", () => {
    const url = buildJapanPostSearchUrl(["1234-5678-9012", "EJ123456789JP"]);
    expect(url).toBe(
      "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=123456789012&reqCodeNo2=EJ123456789JP&locale=ja",
    );
    expect(trackingNumbersInJapanPostUrl(url)).toEqual(["123456789012", "EJ123456789JP"]);
    expect(() => buildJapanPostSearchUrl(Array.from({ length: 11 }, (_, i) => String(i)))).toThrow();
  });
});
