// The response headers that protect every page. PURE apart from reading the environment; used
// by proxy.ts (which runs before pages; next.config.js sets the fixed ones). Kept free of `server-only` because the proxy is not a server component.

// Permissions-Policy is the same for every answer: next.config.js sets it.

/** A year; no includeSubDomains: other hosts of the newsroom's domain are not ours to decide. */
export const HSTS = "max-age=31536000";

/**
 * A page's policy: scripts only with this request's nonce (Next.js puts it on its own scripts;
 * 'strict-dynamic' lets those load their chunks), no inline event handlers, nothing from other
 * origins. Styles stay 'unsafe-inline': React writes style attributes, and CSS cannot run code.
 */
export function pagePolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** 16 random bytes, base64: unguessable and fresh for every page. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether this request reached Factdesk over https: NEXTAUTH_URL (the public address) says so,
 * or, behind a trusted proxy (FACTDESK_TRUSTED_PROXIES set), the proxy's x-forwarded-proto does.
 * Decides HSTS. Session cookies are Secure on the same rule through next-auth (NEXTAUTH_URL).
 */
export function servedOverHttps(headers: { get(name: string): string | null }): boolean {
  if (process.env.NEXTAUTH_URL?.trim().toLowerCase().startsWith("https://")) return true;
  if (!process.env.FACTDESK_TRUSTED_PROXIES?.trim()) return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
