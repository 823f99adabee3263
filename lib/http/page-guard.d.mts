// Types for lib/http/page-guard.mjs (plain JavaScript, shared by proxy.ts and scripts/serve.mjs).
export const HSTS: string;
export const GUARDED_HEADER: "x-factdesk-guarded";
export const PAGE_PATH_SOURCE: string;
export function pagePolicy(nonce: string, development?: boolean): string;
export function newNonce(): string;
export function servedOverHttps(forwardedProto: string | null | undefined): boolean;
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean;
export type RequestRoute = { kind: "not-found"; api: boolean } | { kind: "sign-in"; location: string } | { kind: "page" } | { kind: "pass" };
export function routeRequest(pathname: string, search: string, credentials: { sessionCookie: boolean; authorization: string | null | undefined }): RequestRoute;
