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
export const inngest = new Inngest({ id: "resale-ops", checkpointing: false });
