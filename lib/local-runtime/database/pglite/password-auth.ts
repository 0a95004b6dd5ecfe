// Password authentication for the embedded database, done in front of
// pglite-socket (which accepts any user and password): the Postgres startup
// handshake is answered here with SCRAM-SHA-256, the method node-postgres and
// Prisma's adapter use by default with a real server, so the password never
// crosses the socket. Only after it succeeds is the connection handed to
// PGlite, with the client's startup message replayed to it (PGlite then sends
// AuthenticationOk and the session parameters itself).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import type { Socket } from "node:net";

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SCRAM_ITERATIONS = 4096;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const MAX_STARTUP_BYTES = 10_000;

export interface Credentials {
  user: string;
  password: string;
}

/** Reads exact byte counts from a socket during the handshake. */
class HandshakeReader {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  private failed: Error | null = null;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.waiting?.();
  };
  private readonly onEnd = () => {
    this.failed = new Error("connection closed during authentication");
    this.waiting?.();
  };

  constructor(private readonly socket: Socket) {
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("close", this.onEnd);
    socket.on("error", this.onEnd);
  }

  async read(bytes: number): Promise<Buffer> {
    while (this.buffer.length < bytes) {
      if (this.failed) throw this.failed;
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = null;
    }
    const out = this.buffer.subarray(0, bytes);
    this.buffer = this.buffer.subarray(bytes);
    return out;
  }

  /** Stops reading; returns what arrived beyond the handshake. */
  release(): Buffer {
    this.socket.pause();
    this.socket.off("data", this.onData);
    this.socket.off("end", this.onEnd);
    this.socket.off("close", this.onEnd);
    this.socket.off("error", this.onEnd);
    return this.buffer;
  }
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function authMessage(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const codeBytes = Buffer.alloc(4);
  codeBytes.writeInt32BE(code);
  return message("R", Buffer.concat([codeBytes, data]));
}

function errorMessage(code: string, text: string): Buffer {
  const field = (key: string, value: string) => Buffer.from(`${key}${value}\0`, "utf8");
  return message("E", Buffer.concat([field("S", "FATAL"), field("V", "FATAL"), field("C", code), field("M", text), Buffer.from([0])]));
}

function parseStartupParameters(body: Buffer): Record<string, string> {
  const parts = body.toString("utf8").split("\0");
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length && parts[i] !== ""; i += 2) params[parts[i]] = parts[i + 1];
  return params;
}

/** Reads one typed client message ('p' during SASL). */
async function readClientMessage(reader: HandshakeReader): Promise<{ type: string; body: Buffer }> {
  const header = await reader.read(5);
  const length = header.readInt32BE(1);
  if (length < 4 || length > MAX_STARTUP_BYTES) throw new Error("invalid message length");
  return { type: String.fromCharCode(header[0]), body: await reader.read(length - 4) };
}

const hmac = (key: Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

function scramAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) attributes[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return attributes;
}

/** RFC 5802 / 7677 server side; resolves true when the client proved it knows the password. */
async function scramSha256(reader: HandshakeReader, socket: Socket, password: string): Promise<boolean> {
  socket.write(authMessage(10, Buffer.from("SCRAM-SHA-256\0\0", "latin1")));
  const initial = await readClientMessage(reader);
  if (initial.type !== "p") return false;
  const mechanismEnd = initial.body.indexOf(0);
  const mechanism = initial.body.subarray(0, mechanismEnd).toString("latin1");
  if (mechanism !== "SCRAM-SHA-256") return false;
  const dataLength = initial.body.readInt32BE(mechanismEnd + 1);
  const clientFirst = initial.body.subarray(mechanismEnd + 5, mechanismEnd + 5 + dataLength).toString("utf8");
  // GS2 header: no channel binding ("n,,"), or "y,," (client could but thinks we cannot).
  const gs2Match = /^([ny]),([^,]*),/.exec(clientFirst);
  if (!gs2Match || gs2Match[2] !== "") return false;
  const gs2Header = gs2Match[0];
  const clientFirstBare = clientFirst.slice(gs2Header.length);
  const clientNonce = scramAttributes(clientFirstBare).r;
  if (!clientNonce) return false;

  const salt = randomBytes(16);
  const nonce = clientNonce + randomBytes(18).toString("base64");
  const serverFirst = `r=${nonce},s=${salt.toString("base64")},i=${SCRAM_ITERATIONS}`;
  socket.write(authMessage(11, Buffer.from(serverFirst, "utf8")));

  const final = await readClientMessage(reader);
  if (final.type !== "p") return false;
  const clientFinal = final.body.toString("utf8");
  const attributes = scramAttributes(clientFinal);
  const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(",p="));
  if (attributes.r !== nonce || attributes.c !== Buffer.from(gs2Header, "utf8").toString("base64") || !attributes.p) return false;

  const saltedPassword = pbkdf2Sync(password.normalize("NFKC"), salt, SCRAM_ITERATIONS, 32, "sha256");
  const clientKey = hmac(saltedPassword, "Client Key");
  const storedKey = sha256(clientKey);
  const authMessageText = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const clientSignature = hmac(storedKey, authMessageText);
  const proof = Buffer.from(attributes.p, "base64");
  if (proof.length !== clientSignature.length) return false;
  const claimedClientKey = xor(proof, clientSignature);
  if (!timingSafeEqual(sha256(claimedClientKey), storedKey)) return false;

  const serverSignature = hmac(hmac(saltedPassword, "Server Key"), authMessageText);
  socket.write(authMessage(12, Buffer.from(`v=${serverSignature.toString("base64")}`, "utf8")));
  return true;
}

/**
 * Runs the startup handshake on a new connection. Resolves with the bytes to
 * replay to PGlite (the startup message and anything after it) once the client
 * authenticated as `credentials.user`, or null after refusing and closing it.
 * The socket is left paused with no data listener.
 */
export async function authenticateConnection(socket: Socket, credentials: Credentials): Promise<Buffer | null> {
  const reader = new HandshakeReader(socket);
  const timer = setTimeout(() => socket.destroy(), HANDSHAKE_TIMEOUT_MS);
  const refuse = (code: string, text: string) => {
    reader.release();
    if (socket.writable) socket.end(errorMessage(code, text));
    return null;
  };
  try {
    for (;;) {
      const head = await reader.read(8);
      const length = head.readInt32BE(0);
      const code = head.readInt32BE(4);
      if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        socket.write("N");
        continue;
      }
      if (length === 16 && code === CANCEL_REQUEST) {
        // Cancelling is not supported by PGlite; an unauthenticated cancel is dropped.
        reader.release();
        socket.destroy();
        return null;
      }
      if (code !== PROTOCOL_3 || length < 8 || length > MAX_STARTUP_BYTES) {
        return refuse("08P01", "unsupported frontend protocol");
      }
      const body = await reader.read(length - 8);
      const params = parseStartupParameters(body);
      const ok = await scramSha256(reader, socket, credentials.password);
      if (!ok || params.user !== credentials.user) {
        return refuse("28P01", `password authentication failed for user "${params.user ?? ""}"`);
      }
      const rest = reader.release();
      return Buffer.concat([head, body, rest]);
    }
  } catch {
    reader.release();
    socket.destroy();
    return null;
  } finally {
    clearTimeout(timer);
  }
}
