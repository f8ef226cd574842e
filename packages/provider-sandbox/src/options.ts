/** How a sandbox is set up. `publicUrl` is where its router is mounted, seen from the outside. */
export interface SandboxOptions {
  /** Absolute URL where the router is mounted, e.g. `http://localhost:4000/sandbox`. */
  publicUrl: string;
  facebook?: { appId: string; appSecret: string; deauthorizeCallbackUrl?: string; dataDeletionCallbackUrl?: string };
  google?: { clientId: string; clientSecret: string; riscReceiverUrl?: string; testingMode?: boolean };
  /** Makes ids and tokens deterministic (same seed + same calls = same values). */
  seed?: number;
  /** Used to push deauthorize / data-deletion / RISC notices (default: global fetch). */
  fetch?: typeof fetch;
  /** Longest a `timeout` fault holds a request before closing it (default 30 000 ms). */
  faultTimeoutMs?: number;
  /** Longest a pushed notice waits for the receiver (default 10 000 ms). */
  noticeTimeoutMs?: number;
  /**
   * Keep users, grants, tokens and the clock in this JSON file across restarts (`pnpm start` keeps it
   * beside the database, so stored credentials stay valid). Absent: memory only.
   */
  stateFile?: string;
}

export type SandboxProvider = 'FACEBOOK' | 'GOOGLE';
