// PURE: the network address a request came from, as the production server recorded it.
//
// The server that runs Factdesk (`npm start`, `npm test`) overwrites CLIENT_ADDRESS_HEADER on every
// request with the peer's socket address, or, behind FACTDESK_TRUSTED_PROXIES proxies, with the
// address the nearest untrusted hop gave; whatever a client sends under that name is discarded.
// Per-address limits read it from here. Outside that server (a unit test calling a handler) it is
// absent and every request shares the "unknown" address.

export const CLIENT_ADDRESS_HEADER = "x-factdesk-client-address";
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = { get(name: string): string | null };

export function clientAddress(headers: HeaderSource): string {
  const value = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  return value ? value.slice(0, 64) : UNKNOWN_ADDRESS;
}

export function clientUserAgent(headers: HeaderSource): string | null {
  const value = headers.get("user-agent")?.trim();
  return value ? value.slice(0, 300) : null;
}
