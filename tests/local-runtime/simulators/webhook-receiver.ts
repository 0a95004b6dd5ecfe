// A real HTTP endpoint standing in for the platform's webhook route.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  at: number;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  rawBody: string;
  form: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves when `count` notifications have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** `answer(n)` gives the status for the n-th request (1-based), or "hang" to never answer. */
export async function startWebhookReceiver(answer: (n: number) => number | "hang" = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      received.push({
        at: Date.now(),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers["content-type"],
        rawBody: body,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      for (const wake of waiters) wake();
      waiters = [];
      const reply = answer(received.length);
      if (reply === "hang") return;
      res.writeHead(reply, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ accepted: reply < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webscraper/webhook?token=test-webhook-token`,
    received,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
