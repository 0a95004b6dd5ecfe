export { startTemuSimulator, demoTemuShops, temuError, type TemuSimulator, type TemuSimulatorOptions } from "./simulator";
export type { SimulatedShopConfig } from "./orders";
export { temuSimulatorDefinition } from "./definition";
