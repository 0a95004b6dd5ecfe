import { definedOnly, envJson, envNumber, envNumberList, type SimulatorDefinition } from "../framework/definition";
import type { FaultConfig } from "../framework/types";
import { startTemuSimulator, type TemuSimulator, type TemuSimulatorOptions } from "./simulator";

function optionsFromEnv(env: Record<string, string | undefined>): TemuSimulatorOptions {
  return definedOnly({
    port: envNumber(env, "TEMU_SIMULATOR_PORT"),
    ratePerAppKey: envNumber(env, "TEMU_SIMULATOR_RATE_PER_APP_KEY"),
    faults: envJson<Partial<FaultConfig>>(env, "TEMU_SIMULATOR_FAULTS"),
    orderCounts: envNumberList(env, "TEMU_SIMULATOR_ORDER_COUNTS"),
  });
}

export const temuSimulatorDefinition: SimulatorDefinition<TemuSimulatorOptions, TemuSimulator> = {
  platformDefaults: () => ({}),
  optionsFromEnv,
  start: startTemuSimulator,
};
