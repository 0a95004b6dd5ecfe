// Issue 7 item 5: the sign-in callbackUrl may only lead to a path on this app.
// (The browser half, signing in through /signin?callbackUrl=/%5C…, is in
// platform.test.ts.)
import { describe, expect, it } from "vitest";
import { authOptions } from "../../lib/auth/options";
import { safeCallbackPath } from "../../lib/auth/safe-callback-url";

const BASE = "http://localhost:3000";
const ATTACKS = [
  "/\\127.0.0.1:4502/phish",
  "/%5C127.0.0.1:4502/phish",
  "/%5c127.0.0.1:4502/phish",
  "/%255C127.0.0.1:4502/phish",
  "//evil.example/phish",
  "/%2F/evil.example",
  "///evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "https://evil.example/phish",
  "http://localhost:3000.evil.example/",
  "javascript:alert(1)",
  "evil.example",
  " //evil.example",
];

describe("sign-in callback URLs", () => {
  it("turns every off-origin trick into /", () => {
    for (const attack of ATTACKS) expect(safeCallbackPath(attack, BASE), attack).toBe("/");
  });

  it("keeps ordinary paths, queries and same-origin absolute URLs", () => {
    expect(safeCallbackPath("/tracking/orders?status=delivered#top", BASE)).toBe("/tracking/orders?status=delivered#top");
    expect(safeCallbackPath(`${BASE}/runs/abc`, BASE)).toBe("/runs/abc");
    expect(safeCallbackPath(null)).toBe("/");
  });

  it("next-auth's redirect callback never leaves the app's origin", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    for (const url of [...ATTACKS, `${BASE}/tracking`]) {
      const target = new URL(await redirect({ url, baseUrl: BASE }));
      expect(target.origin, url).toBe(BASE);
      expect(target.pathname.startsWith("//"), url).toBe(false);
    }
  });
});
