import "server-only";
import { headers } from "next/headers";
import { clientAddress, clientUserAgent } from "./client-address";

/**
 * For security events recorded by server actions: the caller's address and browser. Empty when
 * called outside a request (a test calling the action directly), never an error.
 */
export async function actionRequestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const list = await headers();
    return { ip: clientAddress(list), userAgent: clientUserAgent(list) };
  } catch {
    return { ip: null, userAgent: null };
  }
}
