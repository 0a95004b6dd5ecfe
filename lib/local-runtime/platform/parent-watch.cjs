// Preloaded (node --require) into the platform's child processes: the embedded
// database and the Next.js server. When the platform process dies without
// stopping them (kill -9, an out-of-memory kill), the child is re-parented and
// its parent pid changes; it then stops itself with the signal that shuts it
// down cleanly (PARENT_WATCH_SIGNAL, default SIGTERM), and exits for good if
// that has not worked within 10 s. Plain CommonJS with no dependencies, so it
// loads before anything else in any Node process.
"use strict";

const parent = process.ppid;
const signal = process.env.PARENT_WATCH_SIGNAL || "SIGTERM";
const intervalMs = Number(process.env.PARENT_WATCH_INTERVAL_MS || 500);

if (parent > 1) {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.stderr.write(`[parent-watch] parent ${parent} is gone; stopping ${process.pid} with ${signal}\n`);
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      process.kill(process.pid, signal);
    } catch {
      process.exit(1);
    }
  }, intervalMs);
  timer.unref();
}
