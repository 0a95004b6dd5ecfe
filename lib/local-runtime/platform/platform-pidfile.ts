// <data dir>/platform.pid: the platform process and the child processes it
// started (embedded database, Next.js server). Children stop by themselves
// when the platform dies (parent-watch.cjs); this file is the second line: a
// start finds what a crashed run left behind and stops it, and refuses with
// exact instructions when the platform that wrote the file is still running.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface PidfileChild {
  name: string;
  pid: number;
  port: number;
}

export interface PidfileContent {
  pid: number;
  startedAt: string;
  children: PidfileChild[];
}

export function pidfilePath(dataDir: string): string {
  return path.join(dataDir, "platform.pid");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's command line, to tell one of ours from a recycled pid (Linux /proc; elsewhere unknown). */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return null;
  }
}

function looksLikeOurs(child: PidfileChild, dataDir: string): boolean {
  const cmd = commandLine(child.pid);
  if (cmd === null) return true;
  return cmd.includes(dataDir) || cmd.includes(String(child.port));
}

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}

export class PlatformAlreadyRunningError extends Error {}

/**
 * Before a start: refuse if the platform of this data directory still runs;
 * otherwise stop the children a crashed run left and write our own pid.
 */
export async function claimPidfile(dataDir: string, log: (line: string) => void): Promise<void> {
  const file = pidfilePath(dataDir);
  if (existsSync(file)) {
    let previous: PidfileContent | null = null;
    try {
      previous = JSON.parse(readFileSync(file, "utf8")) as PidfileContent;
    } catch {
      previous = null;
    }
    if (previous && previous.pid !== process.pid && isAlive(previous.pid) && (commandLine(previous.pid) ?? "node").includes("node")) {
      throw new PlatformAlreadyRunningError(
        `The platform is already running with data directory ${dataDir} (pid ${previous.pid}). ` +
          `Stop it first (Ctrl-C in its terminal, or: kill ${previous.pid}), or start this one with another PLATFORM_DATA_DIR.`,
      );
    }
    const stale = (previous?.children ?? []).filter((child) => isAlive(child.pid) && looksLikeOurs(child, dataDir));
    for (const child of stale) {
      log(`[platform] stopping ${child.name} (pid ${child.pid}, port ${child.port}) left running by a platform that crashed`);
      try {
        process.kill(child.pid, "SIGTERM");
      } catch {
        // gone meanwhile
      }
    }
    const stubborn = await waitUntilGone(
      stale.map((c) => c.pid),
      10_000,
    );
    for (const pid of stubborn) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }
    if ((await waitUntilGone(stubborn, 5000)).length > 0) {
      throw new Error(
        `Processes ${stubborn.join(", ")} left by a crashed platform would not stop; stop them with: kill -9 ${stubborn.join(" ")}`,
      );
    }
  }
  writePidfile(dataDir, { pid: process.pid, startedAt: new Date().toISOString(), children: [] });
}

export function writePidfile(dataDir: string, content: PidfileContent): void {
  writeFileSync(pidfilePath(dataDir), JSON.stringify(content, null, 2), { mode: 0o600 });
}

export function recordChild(dataDir: string, child: PidfileChild): void {
  const file = pidfilePath(dataDir);
  const content: PidfileContent = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as PidfileContent)
    : { pid: process.pid, startedAt: new Date().toISOString(), children: [] };
  content.children = [...content.children.filter((c) => c.name !== child.name), child];
  writePidfile(dataDir, content);
}

/** After a clean stop. Only our own file: a later platform may have taken the directory over. */
export function releasePidfile(dataDir: string): void {
  const file = pidfilePath(dataDir);
  try {
    const content = JSON.parse(readFileSync(file, "utf8")) as PidfileContent;
    if (content.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
