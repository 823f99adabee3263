// Types for scripts/serve.mjs (plain JavaScript, so Node runs it without a loader).
import type http from "node:http";

export const CLIENT_ADDRESS_HEADER: "x-factdesk-client-address";
export function normaliseAddress(address: string | undefined | null): string;
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string;
export function trustedProxiesFrom(value: string | undefined): number;
export function workerCountFrom(value: string | undefined, cores?: number): number;
export function poolSizeFor(workers: number): number;
export function recordClientAddress(req: http.IncomingMessage, trustedProxies: number): void;
export function createFactdeskServer(options: {
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<unknown> | unknown;
  trustedProxies?: number;
  onDrainStart?: () => void;
}): { server: http.Server; drain(graceMs: number): Promise<boolean>; inFlight(): number; isDraining(): boolean };
export function guardRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean;
