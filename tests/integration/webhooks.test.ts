import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { changeClaimStatus } from "@/lib/db/claims";
import { getDb } from "@/lib/db/client";
import { publishDecision } from "@/lib/db/reviews";
import { createWebhook } from "@/lib/db/webhooks";
import { MAX_ATTEMPTS, verifySignature } from "@/lib/domain/webhooks";
import { workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, reviewedByReviewer, type TestWorkspace } from "@/lib/testing/factories";
import { publishDecisionSchema } from "@/lib/validation/review";
import { openSecret } from "@/lib/webhooks/secret-box";
import { runWebhookRound } from "@/lib/webhooks/worker";

// Webhooks end to end against a LOCAL receiver: a plain node http server on 127.0.0.1. The test
// run allows private addresses (FACTDESK_WEBHOOK_ALLOW_PRIVATE=1) and, only because NODE_ENV is
// "test", plain http (FACTDESK_WEBHOOK_ALLOW_HTTP=1); the production app honours neither http nor
// the latter variable. Everything else (signing, the outbox, retries, the worker) is the real code.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "factdesk.test:3000" }) }));

const actions = await import("@/app/w/[workspace]/settings/webhooks/actions");

type Received = { headers: IncomingMessage["headers"]; body: string; at: number };

/** A receiver whose answer the test chooses; it records every request. */
class Receiver {
  received: Received[] = [];
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(200).end("ok");
  private server: Server | null = null;
  port = 0;
  async start(port = 0) {
    this.server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        this.received.push({ headers: req.headers, body, at: Date.now() });
        this.answer(req, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async stop() {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  get url() {
    return `http://127.0.0.1:${this.port}/hooks/factdesk`;
  }
}

let ws: TestWorkspace;
let other: TestWorkspace;
const receiver = new Receiver();

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});
function allowLocalReceiver() {
  process.env.FACTDESK_WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.FACTDESK_WEBHOOK_ALLOW_HTTP = "1";
}
beforeEach(() => {
  session.userId = null;
  allowLocalReceiver();
  receiver.received = [];
  receiver.answer = (_req, res) => res.writeHead(200).end("ok");
});

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};
type Fn = (slug: string, p: ActionResult | null, f: FormData) => Promise<ActionResult>;
async function as(userId: string | null, action: Fn, values: Record<string, string>, slug = ws.slug) {
  session.userId = userId;
  return action(slug, null, form(values));
}

const editor = () => actingAs(ws, "editor");

async function hookFor(workspace: TestWorkspace, url = receiver.url, events: Array<"claim.published" | "decision.corrected"> = ["claim.published", "decision.corrected"]) {
  const { id, secret } = await createWebhook(actingAs(workspace, "admin"), mayAs("ADMIN"), { url, events, description: null }, null);
  return { id, secret };
}

/** A claim of a new article brought to publishable, and published by the editor. */
async function publishNewClaim(workspace: TestWorkspace) {
  const article = await createTestArticle(workspace.id, workspace.users.editor);
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true } });
  const version = await reviewedByReviewer(workspace, claim.id);
  const started = performance.now();
  const decision = await publishDecision(actingAs(workspace, "editor"), publishDecisionSchema.parse({ claimId: claim.id, version, rating: "mostly-true", summary: "Close to the official figure." }));
  return { claimId: claim.id, version: version + 1, decisionId: decision.id, ms: performance.now() - started };
}

/** Sends everything due now, as many rounds as it takes. */
async function drain() {
  while ((await runWebhookRound()) > 0);
}

async function disableAllHooks(workspace: TestWorkspace) {
  await getDb().webhook.updateMany({ where: { workspaceId: workspace.id }, data: { disabledAt: new Date() } });
}

describe("webhook actions refuse everyone but the workspace's admins, changing nothing", () => {
  let hookId: string;
  let failedId: string;
  beforeAll(async () => {
    allowLocalReceiver();
    ({ id: hookId } = await hookFor(ws));
    await disableAllHooks(ws);
    await getDb().webhook.update({ where: { id: hookId }, data: { disabledAt: null } });
    const failed = await getDb().webhookDelivery.create({ data: { workspaceId: ws.id, webhookId: hookId, event: "claim.published", payload: {}, status: "FAILED", attempts: MAX_ATTEMPTS } });
    failedId = failed.id;
  });

  const cases: Array<[string, Fn, () => Record<string, string>]> = [
    ["register", actions.createWebhookAction, () => ({ url: "https://hooks.example.com/x", "event:claim.published": "on" })],
    ["disable", actions.setWebhookDisabledAction, () => ({ webhookId: hookId, disabled: "true" })],
    ["rotate the secret", actions.rotateWebhookSecretAction, () => ({ webhookId: hookId })],
    ["delete", actions.deleteWebhookAction, () => ({ webhookId: hookId })],
    ["send a test event", actions.sendTestEventAction, () => ({ webhookId: hookId })],
    ["retry a delivery", actions.retryDeliveryAction, () => ({ deliveryId: failedId })],
  ];
  const principals = [
    ["someone signed out", () => null, "UNAUTHENTICATED"],
    ["a viewer", () => ws.users.viewer, "FORBIDDEN"],
    ["a reviewer", () => ws.users.reviewer, "FORBIDDEN"],
    ["an editor", () => ws.users.editor, "FORBIDDEN"],
    ["another workspace's admin", () => other.users.admin, "NOT_FOUND"],
  ] as const;
  for (const [who, user, code] of principals) {
    for (const [what, action, values] of cases) {
      it(`${who} cannot ${what}`, async () => {
        const before = [await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)];
        const result = await as(user(), action, values());
        expect(result).toMatchObject({ ok: false, code });
        expect([await workspaceFingerprint(ws.id), await workspaceFingerprint(other.id)]).toEqual(before);
      });
    }
  }

  it("another workspace's admin, in their own workspace, cannot touch this workspace's hook or delivery", async () => {
    const before = await workspaceFingerprint(ws.id);
    for (const [, action, values] of cases.slice(1)) {
      expect(await as(other.users.admin, action, values(), other.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  afterAll(async () => disableAllHooks(ws));
});

describe("registering", () => {
  it("an admin registers an https hook and sees its secret once; the database keeps it sealed", async () => {
    process.env.FACTDESK_WEBHOOK_ALLOW_PRIVATE = "0";
    const result = await as(ws.users.admin, actions.createWebhookAction, { url: "https://93.184.215.14/factdesk", description: "Wire desk", "event:claim.published": "on" });
    expect(result).toMatchObject({ ok: true, secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
    const secret = result.ok ? result.secret! : "";
    const hook = await getDb().webhook.findFirstOrThrow({ where: { workspaceId: ws.id, url: "https://93.184.215.14/factdesk" } });
    expect(hook).toMatchObject({ events: ["claim.published"], description: "Wire desk", createdById: ws.users.admin, disabledAt: null });
    expect(hook.secret).not.toContain(secret.slice(6));
    expect(openSecret(hook.secret)).toBe(secret);
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: ws.id, entityId: hook.id } });
    expect(event).toMatchObject({ action: "webhook.created", after: { url: "https://93.184.215.14/factdesk", events: ["claim.published"] } });
    expect(JSON.stringify([event.before, event.after])).not.toContain(secret);

    // Rotating gives a new one, shown once; the old one no longer opens.
    const rotated = await as(ws.users.admin, actions.rotateWebhookSecretAction, { webhookId: hook.id });
    expect(rotated).toMatchObject({ ok: true, secret: expect.stringMatching(/^whsec_/) });
    const after = await getDb().webhook.findFirstOrThrow({ where: { id: hook.id } });
    expect(openSecret(after.secret)).toBe(rotated.ok ? rotated.secret : "");
    expect(openSecret(after.secret)).not.toBe(secret);

    expect(await as(ws.users.admin, actions.setWebhookDisabledAction, { webhookId: hook.id, disabled: "true" })).toMatchObject({ ok: true });
    expect(await as(ws.users.admin, actions.sendTestEventAction, { webhookId: hook.id })).toMatchObject({ ok: false, message: /Enable the webhook/ });
    expect(await as(ws.users.admin, actions.deleteWebhookAction, { webhookId: hook.id })).toMatchObject({ ok: true });
    expect(await getDb().webhook.count({ where: { id: hook.id } })).toBe(0);
  });

  it.each([
    ["plain http", "http://93.184.215.14/x", /https/],
    ["credentials", "https://user:pw@93.184.215.14/x", /credentials/],
    ["localhost", "https://localhost/x", /public address/],
    ["10.x", "https://10.0.0.8/x", /public address/],
    ["169.254.x", "https://169.254.169.254/x", /public address/],
    ["::1", "https://[::1]/x", /public address/],
    ["the app itself (request host)", "https://factdesk.test:3000/x", /Factdesk itself/],
    ["malformed", "https://exa mple.com/x", /not a valid URL/],
    ["javascript:", "javascript:alert(1)", /https/],
    ["a host that does not resolve", "https://no-such-host.invalid/x", /Could not find the host/],
  ])("refuses %s with a message at the field, writing nothing", async (_name, url, message) => {
    process.env.FACTDESK_WEBHOOK_ALLOW_PRIVATE = "0";
    process.env.FACTDESK_WEBHOOK_ALLOW_HTTP = "0";
    const before = await workspaceFingerprint(ws.id);
    const result = await as(ws.users.admin, actions.createWebhookAction, { url, "event:claim.published": "on" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { url: [expect.stringMatching(message)] } });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("refuses a hook with no events", async () => {
    const before = await workspaceFingerprint(ws.id);
    const result = await as(ws.users.admin, actions.createWebhookAction, { url: "https://93.184.215.14/x" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { events: ["Choose at least one event."] } });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });
});

describe("delivering to a local receiver", () => {
  beforeEach(async () => {
    await disableAllHooks(ws);
  });

  it("publishing a claim delivers a signed claim.published event the receiver verifies", async () => {
    const { id: hookId, secret } = await hookFor(ws);
    const published = await publishNewClaim(ws);
    // The outbox row committed with the verdict; nothing was sent during the request.
    const pending = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hookId } });
    expect(pending).toMatchObject({ status: "PENDING", attempts: 0, event: "claim.published" });
    expect(receiver.received).toHaveLength(0);

    await drain();
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.headers["content-type"]).toBe("application/json");
    expect(got!.headers["factdesk-event"]).toBe("claim.published");
    expect(got!.headers["factdesk-delivery"]).toBe(pending.id);
    expect(verifySignature(secret, got!.body, got!.headers["factdesk-signature"] as string, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature(secret, got!.body.replace("mostly-true", "true"), got!.headers["factdesk-signature"] as string, Math.floor(Date.now() / 1000))).toBe(false);
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^evt_\d+$/),
      type: "claim.published",
      createdAt: expect.any(String),
      workspace: { id: ws.id, slug: ws.slug },
      data: { claim: { id: published.claimId }, decision: { id: published.decisionId, rating: "mostly-true", label: "Mostly true", summary: "Close to the official figure." } },
    });
    expect(body.data.previous).toBeUndefined();
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "DELIVERED",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      lastDurationMs: expect.any(Number),
      deliveredAt: expect.any(Date),
    });

    // A correction is its own event, with the verdict it replaces.
    await changeClaimStatus(editor(), mayAs("EDITOR"), { claimId: published.claimId, status: "REOPENED", version: published.version, reason: "Misquoted." });
    await publishDecision(editor(), publishDecisionSchema.parse({ claimId: published.claimId, version: published.version + 1, rating: "false", summary: "The figure was misquoted." }));
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers["factdesk-event"]).toBe("decision.corrected");
    expect(JSON.parse(receiver.received[1]!.body).data).toMatchObject({ decision: { rating: "false" }, previous: { rating: "mostly-true", summary: "Close to the official figure." } });
  });

  it("a hook gets only the events it chose, and nothing while disabled", async () => {
    const { id: correctedOnly } = await hookFor(ws, receiver.url, ["decision.corrected"]);
    const { id: disabled } = await hookFor(ws);
    await getDb().webhook.update({ where: { id: disabled }, data: { disabledAt: new Date() } });
    await publishNewClaim(ws);
    expect(await getDb().webhookDelivery.count({ where: { webhookId: { in: [correctedOnly, disabled] } } })).toBe(0);
  });

  it("a receiver answering 500 gets the delivery again with backoff, until it fails for good; an admin can retry it", async () => {
    receiver.answer = (_req, res) => res.writeHead(500).end("oops");
    const { id: hookId } = await hookFor(ws);
    await publishNewClaim(ws);
    const started = Date.now();
    await drain();
    const first = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hookId } });
    expect(first).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500, lastError: "Answered 500." });
    // 1 min, ±20 % jitter.
    const delay = first.nextAttemptAt.getTime() - started;
    expect(delay).toBeGreaterThan(47_000);
    expect(delay).toBeLessThan(73_000);
    // Nothing more until it is due.
    await drain();
    expect(receiver.received).toHaveLength(1);

    const attemptsThen: Array<[number, number]> = [];
    for (let n = 2; n <= MAX_ATTEMPTS; n++) {
      await getDb().webhookDelivery.update({ where: { id: first.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      const before = Date.now();
      await drain();
      const row = await getDb().webhookDelivery.findFirstOrThrow({ where: { id: first.id } });
      attemptsThen.push([row.attempts, row.status === "PENDING" ? Math.round((row.nextAttemptAt.getTime() - before) / 60_000) : -1]);
    }
    // Roughly 5 min, 30 min, 2 h, 6 h between attempts, then FAILED (-1) after the sixth.
    expect(attemptsThen.map(([a]) => a)).toEqual([2, 3, 4, 5, 6]);
    const minutes = attemptsThen.map(([, m]) => m);
    expect(minutes[0]).toBeGreaterThanOrEqual(4);
    expect(minutes[0]).toBeLessThanOrEqual(6);
    expect(minutes[1]).toBeGreaterThanOrEqual(24);
    expect(minutes[3]).toBeGreaterThanOrEqual(288);
    expect(minutes[4]).toBe(-1);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { id: first.id } })).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });

    // The receiver is fixed; an admin retries; it goes through.
    receiver.answer = (_req, res) => res.writeHead(204).end();
    expect(await as(ws.users.admin, actions.retryDeliveryAction, { deliveryId: first.id })).toMatchObject({ ok: true });
    await drain();
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { id: first.id } })).toMatchObject({ status: "DELIVERED", attempts: MAX_ATTEMPTS + 1, lastStatusCode: 204 });
  });

  it("the worker survives the receiver being down, and delivers once it is back", async () => {
    const { id: hookId } = await hookFor(ws);
    const port = receiver.port;
    await receiver.stop();
    try {
      await publishNewClaim(ws);
      await expect(drain()).resolves.toBeUndefined();
      const row = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hookId } });
      expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: null, lastError: expect.stringMatching(/ECONNREFUSED/) });
      await getDb().webhookDelivery.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    } finally {
      await receiver.start(port);
    }
    await drain();
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hookId } })).toMatchObject({ status: "DELIVERED", attempts: 2, lastStatusCode: 200 });
  });

  it("redirects are not followed", async () => {
    receiver.answer = (req, res) => (req.url === "/elsewhere" ? res.writeHead(200).end() : res.writeHead(302, { Location: "/elsewhere" }).end());
    const { id: hookId } = await hookFor(ws);
    await publishNewClaim(ws);
    await drain();
    expect(receiver.received).toHaveLength(1);
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hookId } })).toMatchObject({ status: "PENDING", lastStatusCode: 302, lastError: expect.stringMatching(/redirects are not followed/) });
  });

  it("the address is checked again at delivery: a hook that now resolves to a private address is not called", async () => {
    const { id: hookId } = await hookFor(ws);
    await publishNewClaim(ws);
    process.env.FACTDESK_WEBHOOK_ALLOW_PRIVATE = "0";
    await drain();
    expect(receiver.received).toHaveLength(0);
    expect(await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hookId } })).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringMatching(/public address/) });
  });

  it("two workers at once send each delivery exactly once (FOR UPDATE SKIP LOCKED)", async () => {
    receiver.answer = (_req, res) => setTimeout(() => res.writeHead(200).end(), 50);
    const hooks = await Promise.all([hookFor(ws), hookFor(ws), hookFor(ws)]);
    await publishNewClaim(ws);
    await publishNewClaim(ws);
    await Promise.all([runWebhookRound({ limit: 2 }), runWebhookRound({ limit: 2 }), runWebhookRound({ limit: 2 }), runWebhookRound({ limit: 2 })]);
    await drain();
    const ids = receiver.received.map((r) => r.headers["factdesk-delivery"]);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(await getDb().webhookDelivery.count({ where: { webhookId: { in: hooks.map((h) => h.id) }, status: "DELIVERED", attempts: 1 } })).toBe(6);
  });

  it("never blocks the publish: the request takes about as long with 5 slow hooks as with none", async () => {
    receiver.answer = (_req, res) => setTimeout(() => res.writeHead(200).end(), 3_000);
    const time = async (runs: number) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push((await publishNewClaim(ws)).ms);
      return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    };
    await time(1); // warm up
    const none = await time(5);
    for (let i = 0; i < 5; i++) await hookFor(ws);
    const five = await time(5);
    console.log(`[webhooks] publish median: ${none.toFixed(1)} ms with 0 hooks, ${five.toFixed(1)} ms with 5 hooks (receiver answering after 3 s)`);
    expect(five).toBeLessThan(1_000);
    expect(receiver.received).toHaveLength(0);
    await disableAllHooks(ws);
  });
});
