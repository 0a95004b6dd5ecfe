// /api/inngest – the Inngest serve endpoint; requests are verified by the SDK's signature check.
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
