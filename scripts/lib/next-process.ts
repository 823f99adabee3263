// Runs the Next.js CLI as a child process with the environment the app needs.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");

export function runNext(args: string[], env: Record<string, string>, stdio: "inherit" | "pipe" = "inherit"): ChildProcess {
  // A self-hosted newsroom tool sends nothing home.
  return spawn(process.execPath, [nextBin, ...args], { env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...env }, stdio });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
