// A real HTTP receiver standing in for a WeCom / DingTalk / Slack robot: it
// records every POST and answers from a script (default 200 {"errcode":0}).
import http from "node:http";
import { freePort } from "../../lib/local-runtime/platform/wait-for-port";

export interface ReceivedRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface ScriptedAnswer {
  status: number;
  body: string;
  /** Hold the answer this long (timeouts). */
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards the default. */
  script(...answers: ScriptedAnswer[]): void;
  reset(): void;
  /** Resolves once `n` requests arrived (no sleeping: each request wakes the waiters). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  stop(): Promise<void>;
}

export const OK_ANSWER: ScriptedAnswer = { status: 200, body: JSON.stringify({ errcode: 0, errmsg: "ok" }) };

export async function startWebhookReceiver(path = "/cgi-bin/webhook/send"): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let answers: ScriptedAnswer[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://receiver");
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* kept as text */
      }
      received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body });
      for (const wake of waiters) wake();
      const answer = answers.shift() ?? OK_ANSWER;
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}${path}?key=test-robot-key-123456`,
    received,
    script: (...next) => {
      answers = next;
    },
    reset: () => {
      received.length = 0;
      answers = [];
    },
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver got ${received.length} of ${n} requests`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
