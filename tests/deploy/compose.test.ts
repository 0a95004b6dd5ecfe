// deploy/compose.yaml cannot be started here (no Docker); it is checked as YAML
// and for the wiring that makes it work: self-hosted Inngest on Postgres and
// Redis syncing the app, the app pointed at Inngest with the local executor off,
// one signing key and event key shared, and no secret written in the file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { executorSettingsFromEnv } from "../../lib/engine/engine-settings";
import { runsApiOptionsFromEnv } from "../../lib/runs/runs-api-client";

const root = path.resolve(import.meta.dirname, "../..");
const text = readFileSync(path.join(root, "deploy/compose.yaml"), "utf8");
const compose = parse(text);

describe("deploy/compose.yaml", () => {
  it("has the app, Postgres, Redis and self-hosted Inngest", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "inngest", "postgres", "redis"]);
    const start = compose.services.inngest.command as string[];
    expect(start.slice(0, 2)).toEqual(["inngest", "start"]);
    expect(start).toContain("--redis-uri=redis://redis:6379");
    expect(start.find((a) => a.startsWith("--postgres-uri="))).toMatch(/@postgres:5432\//);
    expect(start).toContain("--sdk-url=http://app:3000/api/inngest");
  });
  it("points the app at Inngest with the local executor off, sharing the keys", () => {
    const env = compose.services.app.environment as Record<string, string>;
    const start = compose.services.inngest.command as string[];
    expect(env.INNGEST_BASE_URL).toBe("http://inngest:8288");
    expect(env.INNGEST_EXECUTOR).toBe("off");
    expect(start.find((a) => a.startsWith("--signing-key="))).toContain("${INNGEST_SIGNING_KEY");
    expect(start.find((a) => a.startsWith("--event-key="))).toContain("${INNGEST_EVENT_KEY");
    expect(env.INNGEST_SIGNING_KEY).toBe("${INNGEST_SIGNING_KEY}");
    expect(env.INNGEST_EVENT_KEY).toBe("${INNGEST_EVENT_KEY}");
    const resolved = { ...env, INNGEST_SIGNING_KEY: "ab".repeat(32), INNGEST_EVENT_KEY: "k" };
    expect(executorSettingsFromEnv(resolved).enabled).toBe(false);
    expect(runsApiOptionsFromEnv(resolved)).toMatchObject({ engine: "inngest", baseUrl: "http://inngest:8288" });
  });
  it("keeps secrets out of the file and builds the app image with npm ci", () => {
    expect(text).not.toMatch(/signkey-|PASSWORD: [^$]/);
    const dockerfile = readFileSync(path.join(root, "deploy/Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(compose.services.app.build).toEqual({ context: "..", dockerfile: "deploy/Dockerfile" });
  });
});
