// The first admin's password is shown once on the terminal, never in a log:
// when stdout is redirected (a log file, a process manager) it goes to the
// controlling terminal, or, without one, into a file only this user can read.
import { chmodSync, closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

export interface ConsoleTargets {
  stdoutIsTTY: boolean;
  /** Ordinary output, which may end up in a log file. */
  log: (line: string) => void;
  /** Writes to the controlling terminal; throws when there is none. */
  writeToTerminal: (text: string) => void;
}

const defaultTargets = (): ConsoleTargets => ({
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  log: (line) => console.log(line),
  writeToTerminal: (text) => {
    const tty = openSync("/dev/tty", "w");
    try {
      writeSync(tty, text);
    } finally {
      closeSync(tty);
    }
  },
});

/** Returns where the password went: the console, the terminal, or the file's path. */
export function showFirstAdmin(
  admin: { email: string; password: string },
  dataDir: string,
  targets: ConsoleTargets = defaultTargets(),
): string {
  const secretLines = [
    `  First admin account created. Sign in with:`,
    `    email:    ${admin.email}`,
    `    password: ${admin.password}`,
    `  (shown once; reset it with: npm run user -- --email ${admin.email} --password NEW --role admin)`,
  ].join("\n");
  if (targets.stdoutIsTTY) {
    targets.log(secretLines);
    return "console";
  }
  try {
    targets.writeToTerminal(`${secretLines}\n`);
    targets.log(`  First admin account created (${admin.email}); its password was shown on the terminal only.`);
    return "terminal";
  } catch {
    // No controlling terminal (a service, CI): a private file instead.
  }
  const file = path.join(dataDir, "first-admin.txt");
  writeFileSync(file, `${secretLines}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  targets.log(
    `  First admin account created (${admin.email}); its password is in ${file} (readable by you only; delete it after signing in).`,
  );
  return file;
}
