import type { InngestFunction } from "inngest";

// Every background function of the platform, served at /api/inngest.
export const functions: InngestFunction.Any[] = [];
