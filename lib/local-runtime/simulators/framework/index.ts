export { createSimulatorServer, seedFor, ADMIN_PREFIX } from "./server";
export type { SimulatorServer, SimulatorServerOptions } from "./server";
export { NO_FAULTS, validateFaults } from "./faults";
export { createRandom, hashString, unitFromParts } from "./random";
export type * from "./types";
export * from "./definition";
