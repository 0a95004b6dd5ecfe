import net from "node:net";

export async function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function waitForPort(port: number, options: { timeoutMs: number; host?: string; isAlive?: () => boolean }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.isAlive && !options.isAlive()) throw new Error("the process exited before listening");
    if (await isPortOpen(port, options.host)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listened on port ${port} within ${options.timeoutMs} ms`);
}

// Ports are picked below the kernel's ephemeral range (32768+ by default), so an
// OS-assigned port (listen(0) or an outgoing connection) can never take one
// between the moment it is chosen here and the moment its server binds it.
// Parallel callers (test workers) start from different offsets.
const PICK_FROM = 20_000;
const PICK_TO = 32_000;
let nextPick = PICK_FROM + Math.floor(Math.random() * (PICK_TO - PICK_FROM));

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = nextPick;
    nextPick = nextPick + 1 >= PICK_TO ? PICK_FROM : nextPick + 1;
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port between ${PICK_FROM} and ${PICK_TO} after 200 tries`);
}
