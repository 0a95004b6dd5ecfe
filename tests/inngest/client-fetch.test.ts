// The project's Inngest client sends events past the fetch wrappers Next and
// React install for server rendering (issue 10 item 4), and never waits on the
// engine without a bound.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type Fetch = typeof fetch;

describe("the project's Inngest client", () => {
  const realFetch = globalThis.fetch;
  const sent: { url: string; init: RequestInit | undefined }[] = [];
  const engine: Fetch = async (input, init) => {
    sent.push({ url: String(input), init });
    return new Response(JSON.stringify({ ids: ["event-1"], status: 200 }), { headers: { "content-type": "application/json" } });
  };

  beforeEach(() => {
    sent.length = 0;
    vi.resetModules();
    vi.stubEnv("INNGEST_DEV", "1");
    vi.stubEnv("INNGEST_BASE_URL", "http://engine.test");
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    vi.unstubAllEnvs();
  });

  async function send(): Promise<string[]> {
    const { inngest } = await import("../../inngest/client");
    const { ids } = await inngest.send({ name: "test/client-fetch", data: {} });
    return ids;
  }

  it("posts events through the fetch Next wrapped, not its caching wrapper", async () => {
    const nextWrapper = Object.assign(
      vi.fn<Fetch>(async () => {
        throw new Error("the caching wrapper was called");
      }),
      { _nextOriginalFetch: engine },
    );
    globalThis.fetch = nextWrapper;
    expect(await send()).toEqual(["event-1"]);
    expect(nextWrapper).not.toHaveBeenCalled();
    expect(sent.map((request) => new URL(request.url).origin)).toEqual(["http://engine.test"]);
  });

  it("gives every request a signal, so a silent engine is let go and React never memoizes the request", async () => {
    globalThis.fetch = engine;
    await send();
    expect(sent).toHaveLength(1);
    const signal = sent[0].init?.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal?.aborted).toBe(false);
  });
});
