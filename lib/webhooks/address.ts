import "server-only";
import { lookup } from "node:dns/promises";
import { isPublicAddress, ipLiteral } from "@/lib/domain/webhooks";

export type ResolvedHost = { ok: true; address: string; family: 4 | 6 } | { ok: false; message: string };

/**
 * Resolves a hook's host name and checks EVERY address it gives: one private answer is enough
 * to refuse (a name that resolves to both is a rebinding attempt). The caller connects to the
 * returned address, never resolving the name again, so the check and the connection agree.
 */
export async function resolveWebhookHost(hostname: string, allowPrivate: boolean): Promise<ResolvedHost> {
  const literal = ipLiteral(hostname);
  let addresses: Array<{ address: string; family: number }>;
  if (literal) {
    addresses = [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(hostname.replace(/\.$/, ""), { all: true, verbatim: true });
    } catch {
      return { ok: false, message: `Could not find the host ${hostname}.` };
    }
  }
  if (addresses.length === 0) return { ok: false, message: `Could not find the host ${hostname}.` };
  if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
    return { ok: false, message: "The URL must point at a public address, not a private, loopback or link-local one." };
  }
  const first = addresses[0]!;
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}
