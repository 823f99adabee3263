import { ROLE_LABELS, type Role } from "@/lib/auth/policy";
import type { SecurityEventKind } from "@/lib/db/security-events";

// PURE: security events in plain words, for the admins' Security page.

/** Each kind, as the filter offers it and as a sentence's verb (who did or underwent it). */
export const SECURITY_KINDS: Record<SecurityEventKind, { label: string; verb: string }> = {
  "signin.succeeded": { label: "Signed in", verb: "signed in" },
  "signin.failed": { label: "Failed sign-ins", verb: "failed to sign in" },
  "signin.throttled": { label: "Sign-ins slowed down", verb: "was slowed down after repeated failed sign-ins" },
  "session.ended": { label: "Signed out", verb: "signed out" },
  "sessions.revoked": { label: "Sessions ended", verb: "ended their other sessions" },
  "password.changed": { label: "Password changes", verb: "changed their password" },
  "password.reset": { label: "Password resets", verb: "had their password reset" },
  "totp.enabled": { label: "Two-factor sign-in turned on", verb: "turned on two-factor sign-in" },
  "totp.disabled": { label: "Two-factor sign-in turned off", verb: "turned off two-factor sign-in" },
  "totp.recovery_used": { label: "Recovery codes used", verb: "used a recovery code" },
  "totp.recovery_regenerated": { label: "New recovery codes", verb: "made new recovery codes" },
  "totp.failed": { label: "Wrong two-factor codes", verb: "entered a wrong two-factor code" },
  "totp.requirement_changed": { label: "Two-factor requirement changes", verb: "changed whether members need two-factor sign-in" },
  "action.refused": { label: "Refused actions", verb: "tried something their role does not allow" },
  "rate.limited": { label: "Too many requests", verb: "was held back for sending too many requests" },
  "token.used": { label: "API token use", verb: "used an API token" },
  "token.created": { label: "API tokens created", verb: "created an API token" },
  "token.revoked": { label: "API tokens revoked", verb: "revoked an API token" },
};

/** Words for the policy's actions, as a refusal names them. */
const ACTION_WORDS: Record<string, string> = {
  "workspace:read": "read the workspace",
  "report:export": "export a report",
  "article:import": "import an article",
  "article:edit": "edit an article",
  "article:delete": "delete an article",
  "claim:delete": "delete a claim",
  "claim:create": "add a claim",
  "claim:edit": "edit a claim",
  "claim:triage": "triage claims",
  "claim:research": "change a claim's research status",
  "claim:reopen": "reopen a claim",
  "claim:assign": "assign a claim",
  "source:create": "add a source",
  "source:update": "edit a source",
  "source:delete": "delete a source",
  "review:write": "write a review",
  "review:edit": "edit a review",
  "review:delete": "withdraw a review",
  "decision:publish": "publish a verdict",
  "share:manage": "manage public links",
  "comment:create": "comment",
  "comment:edit": "edit a comment",
  "comment:delete": "delete a comment",
  "dashboard:read": "open the dashboard",
  "audit:read": "read the audit log",
  "security:read": "read the security log",
  "member:manage": "manage members",
  "settings:manage": "change settings",
  "workspace:create": "create a workspace",
  "workspace:archive": "archive the workspace",
  "webhook:manage": "manage webhooks",
  "two-factor:require": "require two-factor sign-in",
  "workspace:export": "export a backup",
  "workspace:import": "restore a backup",
};

type Detail = Record<string, unknown>;
const detailOf = (value: unknown): Detail => (value && typeof value === "object" && !Array.isArray(value) ? (value as Detail) : {});
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);

export type SecurityEventLike = { kind: string; person: { name: string } | null; email: string | null; detail: unknown };

/** One sentence: who, what, and the particulars that matter. */
export function describeSecurityEvent(event: SecurityEventLike): string {
  const who = event.person?.name ?? (event.email ? `Someone using ${event.email}` : "Someone");
  const detail = detailOf(event.detail);
  switch (event.kind) {
    case "action.refused": {
      const action = text(detail.action);
      const role = text(detail.role);
      const roleWords = role && role in ROLE_LABELS ? ` as ${ROLE_LABELS[role as Role].toLowerCase()}` : "";
      const through = detail.through === "API" ? " through the API" : "";
      return `${who} was refused${roleWords}: tried to ${action ? (ACTION_WORDS[action] ?? action) : "do something"}${through}${detail.tokenScope === "READ" ? " with a read-only token" : ""}.`;
    }
    case "rate.limited": {
      const per = detail.per === "address" ? "from their network address" : detail.per === "token" ? "with one API token" : "by them";
      const where = detail.channel === "api" ? "API requests" : "saves";
      const limit = typeof detail.limit === "number" ? `more than ${detail.limit} ${where} a minute ` : `too many ${where} `;
      return `${who} was held back: ${limit}${per}.`;
    }
    case "token.used":
    case "token.created":
    case "token.revoked": {
      const name = text(detail.name);
      const prefix = text(detail.prefix);
      const label = name ? `“${name}”${prefix ? ` (${prefix}…)` : ""}` : prefix ? `${prefix}…` : "";
      const verb = SECURITY_KINDS[event.kind]!.verb;
      const scope = detail.scope === "READ" ? ", read-only" : detail.scope === "WRITE" ? ", read and write" : "";
      return `${who} ${verb}${label ? ` ${label}` : ""}${scope}.`;
    }
    default: {
      const known = (SECURITY_KINDS as Record<string, { verb: string } | undefined>)[event.kind];
      return known ? `${who} ${known.verb}.` : `${who}: ${event.kind}.`;
    }
  }
}

/** "Firefox on macOS", "curl", or null: enough to tell a browser from a script, no fingerprint. */
export function summariseUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const program = /^(curl|Wget|python-requests|node-fetch|undici|Go-http-client|PostmanRuntime|axios|okhttp)\b/i.exec(ua)?.[1];
  if (program) return program;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\//.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /HeadlessChrome\//.test(ua)
          ? "Headless Chrome"
          : /Chrome\//.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua) && /Version\//.test(ua)
              ? "Safari"
              : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Mac OS X|Macintosh/.test(ua)
        ? "macOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser || os) return browser ?? os;
  const first = ua.split(/[\s/]/)[0] ?? "";
  return first ? first.slice(0, 40) : null;
}
