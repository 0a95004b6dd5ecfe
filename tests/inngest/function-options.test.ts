// Every function the app registers must sync on the local executor exactly as
// on Inngest: options that are validated there are valid, and none is one the
// executor would refuse as not implemented (lib/local-runtime/executor/function-validation.ts).
import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { validateFunctionConfig } from "@/lib/local-runtime/executor/function-validation";
import type { FunctionConfig } from "@/lib/local-runtime/executor/types";

describe("the app's Inngest functions", () => {
  const origin = "http://localhost:3000";
  const configs = functions.flatMap(
    (fn) => (fn as unknown as { getConfig(o: unknown): FunctionConfig[] }).getConfig({ baseUrl: new URL(`${origin}/api/inngest`), appPrefix: "resale-ops" }),
  );

  it.each(configs.map((c) => [c.id, c] as const))("%s registers without a problem", (_id, config) => {
    expect(validateFunctionConfig(config, origin)).toEqual([]);
  });
});
