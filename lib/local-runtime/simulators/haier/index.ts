export { startHaierSimulator, type HaierSimulator } from "./simulator";
export { haierSimulatorDefinition } from "./definition";
export { HAIER_PATHS } from "./routes";
export * from "./catalogue";
export type { HaierSimulatorOptions, HaierBehaviour } from "./options";
