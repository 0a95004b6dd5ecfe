import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { createImageStore } from "../../../lib/haier/images/image-store";
import { MEDIA_PATH_PATTERN, resolveMediaFile } from "../../../lib/haier/images/media-path";
import { solidGreyJpeg, solidPng } from "../../../lib/local-runtime/simulators/haier/images";
import { resetDatabase } from "../../setup/reset-database";

const root = mkdtempSync(path.join(os.tmpdir(), "haier-media-"));

function fakeFetch(bodies: Record<string, { status?: number; body: Buffer | string; type?: string }>) {
  const calls: string[] = [];
  const impl = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    const answer = bodies[url];
    if (!answer) return new Response("nope", { status: 404 });
    return new Response(typeof answer.body === "string" ? answer.body : new Uint8Array(answer.body), {
      status: answer.status ?? 200,
      headers: { "content-type": answer.type ?? "image/png" },
    });
  }) as typeof fetch;
  return { impl, calls };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => statSync(path.join(dir, p)).isFile());
}

describe("image store", () => {
  beforeEach(async () => {
    await resetDatabase();
    rmSync(root, { recursive: true, force: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("stores a PNG as yyyy/mm/dd/<uuid hex>.png with a MediaImage row, type from the bytes", async () => {
    const { impl } = fakeFetch({ "http://img/a": { body: solidPng(4, 4, [1, 2, 3]), type: "application/octet-stream" } });
    const store = createImageStore({ db: prisma, mediaRoot: root, fetchImpl: impl, now: () => new Date("2026-03-07T10:00:00Z") });
    const stored = await store.ensureImage("http://img/a");
    expect(stored).toMatchObject({ created: true });
    const row = await prisma.mediaImage.findFirstOrThrow();
    expect(row.filePath).toMatch(/^2026\/03\/07\/[0-9a-f]{32}\.png$/);
    expect(row.filePath).toMatch(MEDIA_PATH_PATTERN);
    expect(row).toMatchObject({ contentType: "image/png", originalUrl: "http://img/a" });
    expect(existsSync(resolveMediaFile(root, row.filePath)!)).toBe(true);
  });

  it("detects JPEG from the bytes", async () => {
    const { impl } = fakeFetch({ "http://img/j": { body: solidGreyJpeg(100), type: "image/png" } });
    const store = createImageStore({ db: prisma, mediaRoot: root, fetchImpl: impl });
    await store.ensureImage("http://img/j");
    expect(await prisma.mediaImage.findFirstOrThrow()).toMatchObject({
      contentType: "image/jpeg",
      filePath: expect.stringMatching(/\.jpg$/),
    });
  });

  it("refuses a non-image body served as image/png, a 404 and an oversized image, storing nothing", async () => {
    const { impl } = fakeFetch({
      "http://img/html": { body: "<html>denied</html>", type: "image/png" },
      "http://img/big": { body: Buffer.concat([solidPng(4, 4, [0, 0, 0]), Buffer.alloc(2000)]) },
    });
    const store = createImageStore({ db: prisma, mediaRoot: root, fetchImpl: impl, maxBytes: 1000 });
    expect(await store.ensureImage("http://img/html")).toEqual({ error: expect.stringMatching(/not an image/) });
    expect(await store.ensureImage("http://img/missing")).toEqual({ error: "HTTP 404" });
    expect(await store.ensureImage("http://img/big")).toEqual({ error: expect.stringMatching(/too large/) });
    expect(await prisma.mediaImage.count()).toBe(0);
    expect(filesUnder(root)).toEqual([]);
  });

  it("downloads and stores the same URL once, also when asked concurrently and by another store", async () => {
    const { impl, calls } = fakeFetch({ "http://img/same": { body: solidPng(2, 2, [9, 9, 9]) } });
    const store = createImageStore({ db: prisma, mediaRoot: root, fetchImpl: impl });
    const [a, b] = await Promise.all([store.ensureImage("http://img/same"), store.ensureImage("http://img/same")]);
    const again = await createImageStore({ db: prisma, mediaRoot: root, fetchImpl: impl }).ensureImage("http://img/same");
    expect(a).toEqual(b);
    expect(again).toMatchObject({ imageId: (a as { imageId: number }).imageId, created: false });
    expect(calls).toEqual(["http://img/same"]);
    expect(await prisma.mediaImage.count()).toBe(1);
    expect(filesUnder(root)).toHaveLength(1);
  });

  it("never resolves a path outside the media root", () => {
    expect(resolveMediaFile(root, "../../etc/passwd")).toBeNull();
    expect(resolveMediaFile(root, "2026/01/01/../../x.png")).toBeNull();
  });
});
