import "server-only";
import { headers } from "next/headers";
import { UNKNOWN_ADDRESS, clientAddress, clientUserAgent } from "./client-address";

/**
 * The address and browser of the request being served, for server actions and next-auth's
 * events (anywhere inside a request). Outside one there is nothing to read: "unknown".
 */
export async function requestClient(): Promise<{ ip: string; userAgent: string | null }> {
  try {
    const list = await headers();
    return { ip: clientAddress(list), userAgent: clientUserAgent(list) };
  } catch {
    return { ip: UNKNOWN_ADDRESS, userAgent: null };
  }
}
