import "server-only";
import { z } from "zod";
import { SECURITY_KINDS, describeSecurityEvent, summariseUserAgent } from "@/components/settings/security-text";
import { listSecurityEvents } from "@/lib/db/security-log";
import { defineOperation } from "@/lib/pipeline/operation";
import type { Endpoint } from "./endpoint";
import { page } from "./schemas";

// The Security settings page as JSON, for admins (a read-only token will do): the same policy
// action, the same query and the same words.

export const securityEventOut = z
  .object({
    id: z.string(),
    kind: z.string().describe(`What happened: ${Object.keys(SECURITY_KINDS).join(", ")}.`),
    description: z.string().describe("The event in a sentence, as the Security page shows it."),
    createdAt: z.iso.datetime({ offset: true }),
    person: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    ip: z.string().nullable().describe("The network address the request came from."),
    userAgent: z.string().nullable(),
    browser: z.string().nullable().describe("The user agent, summarised (\"Firefox on macOS\", \"curl\")."),
    detail: z.unknown().describe("Particulars of the kind (the refused action, the token's name, the limit)."),
  })
  .meta({ id: "SecurityEvent" });

export const securityEventPage = page(securityEventOut, "SecurityEventPage");

const query = z.object({
  workspace: z.string({ error: "Choose a workspace: its slug." }).trim().min(1, "Choose a workspace: its slug.").max(64).describe("The workspace's slug."),
  kind: z.enum(Object.keys(SECURITY_KINDS) as [string, ...string[]], { error: "Unknown kind of event." }).optional().describe("Only events of this kind."),
  person: z.string().max(64).optional().describe("Only events about this person (a user id)."),
  cursor: z.string().regex(/^\d{1,18}$/, "cursor is not one this API gave out.").optional().describe("From the previous page's nextCursor."),
  limit: z.coerce.number().int().min(1, "limit must be from 1 to 200.").max(200, "limit must be from 1 to 200.").default(50).describe("Items per page, 1 to 200 (default 50)."),
});

const listSecurityEventsEndpoint: Endpoint = {
  method: "GET",
  path: "/security-events",
  tag: "Workspaces",
  summary: "List a workspace's security events (admins)",
  description: "Newest first: refused actions in the workspace, and sign-ins, password, two-factor and token events and rate limits of its members' accounts. Events another workspace recorded are not included.",
  query,
  response: securityEventPage,
  operation: defineOperation({
    action: "security:read",
    input: query,
    scope: (input) => ({ workspace: input.workspace }),
    run: async (input, { member }) => {
      const { rows, nextCursor } = await listSecurityEvents(member.workspace.id, { kind: input.kind, userId: input.person, before: input.cursor ? BigInt(input.cursor) : undefined }, input.limit);
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind, description: describeSecurityEvent(r), createdAt: r.createdAt.toISOString(), person: r.person, ip: r.ip, userAgent: r.userAgent, browser: summariseUserAgent(r.userAgent), detail: r.detail ?? null })),
        nextCursor,
      };
    },
  }),
};

export const SECURITY_ENDPOINTS: readonly Endpoint[] = [listSecurityEventsEndpoint];
