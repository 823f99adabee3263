// The data folder holds what a local install keeps between runs: the embedded PostgreSQL cluster
// and the secrets generated at first start. It is git-ignored and never committed.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function resolveDataDir(): string {
  const dir = path.resolve(process.env.FACTDESK_DATA_DIR || ".data");
  mkdirSync(dir, { recursive: true });
  // Traversable but not listable: when run as root, PostgreSQL runs as its own user and must
  // reach its cluster folder inside; the secrets file stays readable by the owner only.
  chmodSync(dir, 0o711);
  return dir;
}

type Secrets = { nextauthSecret: string; postgresPassword: string; appPassword: string };

/** Reads the install's secrets, creating them (readable by the owner only) on first use. */
export function loadSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>) : {};
  const secrets: Secrets = {
    nextauthSecret: stored.nextauthSecret ?? randomBytes(32).toString("base64url"),
    postgresPassword: stored.postgresPassword ?? randomBytes(18).toString("base64url"),
    // The application's own database role (added later: installs from before get one now).
    appPassword: stored.appPassword ?? randomBytes(18).toString("base64url"),
  };
  if (Object.keys(stored).length !== 3) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
