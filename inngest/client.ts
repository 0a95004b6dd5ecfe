import { Inngest } from "inngest";

// Production points this at Inngest (cloud or self-hosted) through the SDK's own
// settings (INNGEST_BASE_URL / INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY); on one
// machine the local executor serves the same protocol (lib/local-runtime/executor).
//
// checkpointing: false, deliberately. SDK 4 otherwise runs several steps in one
// request on Inngest and POSTs their results to /v1/checkpoint/{runId}/async
// (whenever the server sends ctx.fn_id). The local executor serves only the
// plain request/response protocol, so with checkpointing on, the two engines
// would run our functions through different protocols and a behaviour tested
// here would not be the one that runs there. Off, both use one protocol.
//
// fetch: Next's own fetch, unpatched, and with a signal. Inside the app, Next
// wraps fetch in its data cache and tracing, and React in request memoization,
// which an event POST never uses but paid for on every webhook (issue 10 item 4).
// A request with a signal is never memoized (Next's documented opt-out); the
// signal also lets go of an engine that does not answer. Its timer is cleared
// once the answer's headers arrive, so a finished request holds nothing for the
// rest of the period (a timeout signal would keep its request alive until then).
// Resolved per call: Next patches fetch after this module may have loaded, and
// tests stub it.
const REQUEST_TIMEOUT_MS = 30_000;

const unpatchedFetch: typeof fetch = async (input, init) => {
  const current = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  const send = current._nextOriginalFetch ?? current;
  if (init?.signal) return send(input, init);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`No answer from Inngest within ${REQUEST_TIMEOUT_MS / 1000} s`)),
    REQUEST_TIMEOUT_MS,
  );
  try {
    return await send(input, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
};

export const inngest = new Inngest({ id: "resale-ops", checkpointing: false, fetch: unpatchedFetch });
