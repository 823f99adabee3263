import "server-only";
import { headers } from "next/headers";
import { UNKNOWN_ADDRESS, clientAddress, clientUserAgent } from "./client-address";

/** Where a request came from, for rate limits and security events. */
export type RequestClient = { ip: string; userAgent: string | null };

type HeaderSource = { get(name: string): string | null };

export const clientOf = (source: HeaderSource): RequestClient => ({ ip: clientAddress(source), userAgent: clientUserAgent(source) });

/** The client of the server action being run; outside a request (a script, a test) it is unknown. */
export async function actionClient(): Promise<RequestClient> {
  try {
    return clientOf(await headers());
  } catch {
    return { ip: UNKNOWN_ADDRESS, userAgent: null };
  }
}
