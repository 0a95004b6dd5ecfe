// Webhook events reach the engine in groups (issue 10 item 4): what each
// caller sees is what sending its event alone would give.
import { describe, expect, it } from "vitest";
import { groupedSend } from "../../inngest/grouped-send";

interface Event {
  id: string;
}

/** An engine whose answers the test releases, recording each request. */
function heldEngine(refuse: (event: Event) => boolean = () => false) {
  const requests: { events: string[]; release: () => void }[] = [];
  const sendMany = (events: Event[]) =>
    new Promise<{ ids: string[] }>((resolve, reject) => {
      requests.push({
        events: events.map((e) => e.id),
        release: () => (events.some(refuse) ? reject(new Error("refused")) : resolve({ ids: events.map((e) => `stored-${e.id}`) })),
      });
    });
  return { requests, sendMany };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("groupedSend", () => {
  it("sends a lone event at once, alone", async () => {
    const engine = heldEngine();
    const send = groupedSend(engine.sendMany);
    const sent = send({ id: "a" });
    expect(engine.requests.map((r) => r.events)).toEqual([["a"]]);
    engine.requests[0].release();
    expect(await sent).toEqual({ ids: ["stored-a"] });
  });

  it("sends the events that arrive during a send together, in arrival order, each caller getting its own id", async () => {
    const engine = heldEngine();
    const send = groupedSend(engine.sendMany);
    const first = send({ id: "a" });
    const later = ["b", "c", "d"].map((id) => send({ id }));
    await settle();
    expect(engine.requests).toHaveLength(1);
    engine.requests[0].release();
    await first;
    await settle();
    expect(engine.requests.map((r) => r.events)).toEqual([["a"], ["b", "c", "d"]]);
    engine.requests[1].release();
    expect(await Promise.all(later)).toEqual([{ ids: ["stored-b"] }, { ids: ["stored-c"] }, { ids: ["stored-d"] }]);
  });

  it("keeps a group within its size", async () => {
    const engine = heldEngine();
    const send = groupedSend(engine.sendMany, { maxEvents: 2 });
    const all = ["a", "b", "c", "d", "e"].map((id) => send({ id }));
    for (let i = 0; i < 3; i++) {
      await settle();
      engine.requests[i].release();
    }
    await Promise.all(all);
    expect(engine.requests.map((r) => r.events)).toEqual([["a"], ["b", "c"], ["d", "e"]]);
  });

  it("fails only the event the engine refused, sending the rest of its group alone", async () => {
    const engine = heldEngine((event) => event.id === "poison");
    const send = groupedSend(engine.sendMany);
    const first = send({ id: "a" });
    const group = ["b", "poison", "c"].map((id) =>
      send({ id }).then(
        (sent) => sent.ids[0],
        (error: Error) => `failed: ${error.message}`,
      ),
    );
    engine.requests[0].release();
    await first;
    await settle();
    engine.requests[1].release(); // the group: refused
    await settle();
    expect(engine.requests.slice(2).map((r) => r.events)).toEqual([["b"], ["poison"], ["c"]]);
    for (const request of engine.requests.slice(2)) request.release();
    expect(await Promise.all(group)).toEqual(["stored-b", "failed: refused", "stored-c"]);
  });

  it("fails every caller when the engine is down, and sends again once it is back", async () => {
    let up = false;
    const send = groupedSend(async (events: Event[]) => {
      if (!up) throw new Error("connection refused");
      return { ids: events.map((e) => `stored-${e.id}`) };
    });
    const results = await Promise.allSettled(["a", "b", "c"].map((id) => send({ id })));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    up = true;
    expect(await send({ id: "d" })).toEqual({ ids: ["stored-d"] });
  });

  it("does not hand out ids when the engine answers a different number of them", async () => {
    const calls: string[][] = [];
    const send = groupedSend(async (events: Event[]) => {
      calls.push(events.map((e) => e.id));
      // A broken answer to a group; a single event gets its id.
      return { ids: events.length > 1 ? ["only-one"] : [`stored-${events[0].id}`] };
    });
    const first = send({ id: "a" });
    const rest = Promise.all(["b", "c"].map((id) => send({ id })));
    await first;
    expect(await rest).toEqual([{ ids: ["stored-b"] }, { ids: ["stored-c"] }]);
    expect(calls).toEqual([["a"], ["b", "c"], ["b"], ["c"]]);
  });
});
