// Runs once when a server instance starts. In the Node.js runtime it starts this instance's
// webhook delivery worker (lib/webhooks/worker.ts); several instances may each run one.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { webhookWorkerEnabled } = await import("./lib/env");
  if (!webhookWorkerEnabled()) return;
  const { startWebhookWorker } = await import("./lib/webhooks/worker");
  startWebhookWorker();
}
