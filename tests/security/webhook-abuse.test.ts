// Issue 7 item 6: the WebScraper.io webhook under abuse. The token is checked
// before the body is read, the body is capped (413), only the notification's
// own fields reach the event, internal errors are not echoed, multipart keeps
// its boundary, malformed bodies and non-integer job ids are 400s.
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/acquisition/webscraper/webscraper-tracking/route";
import { inngest } from "@/inngest/client";
import { MAX_WEBHOOK_BODY_BYTES } from "@/lib/api/read-webhook-body";
import { resetDatabase } from "../setup/reset-database";

const URL_BASE = "http://localhost/api/acquisition/webscraper/webscraper-tracking/";
const context = { params: Promise.resolve({}) };
const CHUNK = 64 * 1024;

/** A body of `total` bytes produced on demand, counting how much of it the server pulled. */
function countingBody(total: number, fill = "a") {
  const counter = { pulled: 0 };
  const chunk = new TextEncoder().encode(fill.repeat(CHUNK));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

function post(query: string, body: BodyInit | ReadableStream | undefined, headers: Record<string, string> = {}) {
  const init = { method: "POST", body, headers, duplex: "half" } as RequestInit & { duplex: "half" };
  return POST(new NextRequest(`${URL_BASE}${query ? `?${query}` : ""}`, init as never), context);
}

const validForm =
  "scrapingjob_id=7001&status=finished&sitemap_id=1421177&sitemap_name=official-website-sitemap&custom_id=owryt-abcdef12-0000";

describe("webhook abuse", () => {
  let send: ReturnType<typeof vi.fn>;
  beforeEach(async () => {
    await resetDatabase();
    vi.stubEnv("WEBSCRAPER_WEBHOOK_TOKEN", "hook-secret");
    vi.stubEnv("BATCH_STATS_API_TOKEN", "");
    send = vi.fn(async () => ({ ids: ["evt-1"] }));
    vi.spyOn(inngest, "send").mockImplementation(send as never);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("refuses a wrong query or header token without reading a 100 MB body", async () => {
    for (const [query, headers] of [
      ["token=wrong", {}],
      ["", { "X-Webhook-Token": "wrong" }],
    ] as const) {
      const { stream, counter } = countingBody(100 * 1024 * 1024);
      const res = await post(query, stream, { "content-type": "application/x-www-form-urlencoded", ...headers });
      expect(res.status).toBe(403);
      expect(counter.pulled).toBeLessThanOrEqual(CHUNK);
      await stream.cancel().catch(() => {});
    }
    expect(send).not.toHaveBeenCalled();
  });

  it("reads at most the cap of a tokenless body (the token could be in it) and answers 413", async () => {
    const { stream, counter } = countingBody(100 * 1024 * 1024);
    const res = await post("", stream, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + CHUNK);
    expect(send).not.toHaveBeenCalled();
  });

  it("answers 413 to a large body even with a valid token, by its declared length or as it streams", async () => {
    const declared = await post("token=hook-secret", "x".repeat(10), {
      "content-type": "application/json",
      "content-length": String(10 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
    const { stream, counter } = countingBody(10 * 1024 * 1024);
    const streamed = await post("token=hook-secret", stream, { "content-type": "application/x-www-form-urlencoded" });
    expect(streamed.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + CHUNK);
    expect(send).not.toHaveBeenCalled();
  });

  it("passes only the notification's own fields into the event", async () => {
    const res = await post(
      "token=hook-secret",
      JSON.stringify({
        scrapingjob_id: 7001,
        status: "finished",
        custom_id: "owryt-abcdef12-0000",
        sitemap_name: "official-website-sitemap",
        padding: "x".repeat(30_000),
        nested: { deep: ["a", "b"] },
        __proto__: { polluted: true },
        token: "hook-secret",
      }),
      { "content-type": "application/json" },
    );
    expect(res.status).toBe(202);
    const data = send.mock.calls[0][0][0].data;
    expect(Object.keys(data.request_data).sort()).toEqual(["custom_id", "scrapingjob_id", "sitemap_name", "status"]);
    expect(JSON.stringify(data).length).toBeLessThan(1000);
  });

  it("never echoes the internal error of a failed enqueue", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    send.mockRejectedValueOnce(new Error("Event API http://127.0.0.1:8288/e/signkey-test-abc rejected: payload too large"));
    const res = await post("token=hook-secret", validForm, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/127\.0\.0\.1|signkey|payload too large/);
    expect(JSON.parse(text).detail).toBe("调度任务时出错");
  });

  it("parses multipart bodies whose boundary has capital letters", async () => {
    const boundary = "----WebKitFormBoundaryAbCdEfGhIjKlMnOp";
    const body = [
      ...Object.entries(Object.fromEntries(new URLSearchParams(validForm))).map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      ),
      `--${boundary}--\r\n`,
    ].join("");
    const res = await post("token=hook-secret", body, { "content-type": `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(202);
    expect(send.mock.calls[0][0][0].data.request_data).toMatchObject({ scrapingjob_id: "7001", custom_id: "owryt-abcdef12-0000" });
  });

  it("answers 400 to malformed bodies", async () => {
    const cases: [string, string][] = [
      ["multipart/form-data; boundary=abc", "this is not multipart at all"],
      ["multipart/form-data", "--x\r\n"],
      ["application/json", '{"scrapingjob_id": 1,'],
      ["application/json", "[1,2,3]"],
    ];
    for (const [type, body] of cases) {
      const res = await post("token=hook-secret", body, { "content-type": type });
      expect(res.status, `${type}: ${body}`).toBe(400);
    }
    const invalidUtf8 = await post("token=hook-secret", new Uint8Array([0xff, 0xfe, 0x41]), { "content-type": "application/json" });
    expect(invalidUtf8.status).toBe(400);
    expect(send).not.toHaveBeenCalled();
  });

  it("accepts only positive safe integers as scrapingjob_id", async () => {
    const bad = ["1.5", "1e400", "-1", "0", "abc", "1 OR 1=1", "9".repeat(5000), "9007199254740993", "0x10", " 1 2"];
    for (const id of bad) {
      const res = await post(
        "token=hook-secret",
        new URLSearchParams({ scrapingjob_id: id, custom_id: "owryt-abcdef12-0000" }).toString(),
        {
          "content-type": "application/x-www-form-urlencoded",
        },
      );
      expect(res.status, id.slice(0, 20)).toBe(400);
    }
    for (const json of [
      '{"scrapingjob_id": 1.5, "source": "yamato_tracking_only"}',
      '{"scrapingjob_id": 1e400, "source": "yamato_tracking_only"}',
      '{"job_id": -3, "source": "yamato_tracking_only"}',
    ]) {
      const res = await post("token=hook-secret", json, { "content-type": "application/json" });
      expect(res.status, json).toBe(400);
    }
    expect(send).not.toHaveBeenCalled();
    const good = await post("token=hook-secret", '{"scrapingjob_id": 3000001, "source": "yamato_tracking_only"}', {
      "content-type": "application/json",
    });
    expect(good.status).toBe(202);
  });
});
