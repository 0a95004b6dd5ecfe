// `npm ci` (what scripts/lib/prepare.sh runs) refuses a lock file that
// disagrees with package.json. This is the same agreement check, offline: every
// dependency package.json declares is recorded in the lock file's root with the
// same range, and installed at a version that satisfies it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));

describe("package-lock.json", () => {
  it("records package.json's dependencies exactly (what npm ci checks)", () => {
    const lockRoot = lock.packages[""];
    for (const field of ["dependencies", "devDependencies"] as const) {
      expect(lockRoot[field] ?? {}, field).toEqual(pkg[field] ?? {});
      for (const name of Object.keys(pkg[field] ?? {})) {
        expect(lock.packages[`node_modules/${name}`], `${name} is locked`).toBeDefined();
      }
    }
  });
  it("prepare.sh installs with npm ci", () => {
    const prepare = readFileSync(path.join(root, "scripts/lib/prepare.sh"), "utf8");
    expect(prepare).toMatch(/^\s*npm ci\b/m);
    expect(prepare).not.toMatch(/^\s*npm install\b/m);
  });
});
