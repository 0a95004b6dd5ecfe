// The cockpit shows each flow's formula from the catalogs (in the UI language):
// they must state the same numbers as the formulas the scores are computed with.
import { describe, expect, it } from "vitest";
import { readMessages } from "../../../lib/i18n/load-messages";
import { LOCALES } from "../../../lib/i18n/locales";
import { HEALTH_FLOWS, HEALTH_FORMULAS } from "../../../lib/monitoring/health-score";

const numbers = (text: string) => (text.match(/\d+(\.\d+)?/g) ?? []).sort();

describe("health formulas shown in the cockpit", () => {
  for (const locale of LOCALES) {
    it(`${locale}: every flow's formula states the computed numbers`, () => {
      const formulas = (readMessages(locale).overview as { formulas: Record<string, string> }).formulas;
      for (const flow of HEALTH_FLOWS) expect(numbers(formulas[flow]), `${locale} ${flow}`).toEqual(numbers(HEALTH_FORMULAS[flow]));
    });
  }
});
