// /api/inngest – the Inngest serve endpoint; requests are verified by the SDK's signature check.
// The URL it registers comes from configuration (INNGEST_SERVE_ORIGIN / APP_URL / NEXTAUTH_URL), never from request headers.
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { inngestServeLocation } from "@/inngest/serve-location";

export const { GET, POST, PUT } = serve({ client: inngest, functions, ...inngestServeLocation() });
