import { Inngest } from "inngest";

// Production points this at Inngest (cloud or self-hosted) through the SDK's own
// settings (INNGEST_BASE_URL / INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY); on one
// machine the local executor serves the same protocol (lib/inngest-executor).
export const inngest = new Inngest({ id: "resale-ops" });
