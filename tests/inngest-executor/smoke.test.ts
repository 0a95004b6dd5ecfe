import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRuns, resetExecutorTables, startHarness, type Harness } from "./harness";

describe("smoke", () => {
  let h: Harness;
  const calls: string[] = [];
  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("smoke", (inngest) => [
      inngest.createFunction({ id: "three-steps", triggers: [{ event: "test/three" }] }, async ({ event, step }) => {
        const a = await step.run("a", () => { calls.push("a"); return 1; });
        const b = await step.run("b", () => { calls.push("b"); return a + 1; });
        const c = await step.run("c", () => { calls.push("c"); return b + Number(event.data.add); });
        return { c };
      }),
    ]);
  });
  afterAll(async () => h?.stop());

  it("runs a three-step function to completion", async () => {
    await h.inngest.send({ name: "test/three", data: { add: 10 } });
    const [run] = await finishedRuns(h.db, "smoke-three-steps");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ c: 12 });
    expect(calls).toEqual(["a", "b", "c"]);
  });
});
