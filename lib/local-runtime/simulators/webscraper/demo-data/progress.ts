import { createRandom, hashString } from "../../framework/random";

/** One possible life of a parcel: the statuses it goes through, in order. */
export interface ParcelScenario {
  weight: number;
  statuses: readonly string[];
}

export function pickScenario(scenarios: readonly ParcelScenario[], unit: number): ParcelScenario {
  const total = scenarios.reduce((sum, scenario) => sum + scenario.weight, 0);
  let threshold = unit * total;
  for (const scenario of scenarios) {
    threshold -= scenario.weight;
    if (threshold < 0) return scenario;
  }
  return scenarios[scenarios.length - 1];
}

/** A PRNG stream private to one key (an order, a tracking number), so one item's data never depends on another's. */
export function randomFor(namespace: string, key: string): () => number {
  return createRandom(hashString(`${namespace}:${key}`));
}

/** The status `pass` scrapes after the first one: every later pass finds the parcel one step further, until the end. */
export function statusIndexAt(scenario: ParcelScenario, firstIndex: number, pass: number): number {
  return Math.min(firstIndex + pass, scenario.statuses.length - 1);
}
