import "server-only";
import { routeHandler, type Endpoint, type Method } from "./endpoint";
import { ENDPOINTS } from "./endpoints";
import { LIVE_ENDPOINTS } from "./live-endpoints";

/** Every /api/v1 endpoint: the public ones (in the reference) and the page's live plumbing. */
export const ALL_ENDPOINTS: readonly Endpoint[] = [...ENDPOINTS, ...LIVE_ENDPOINTS];

/** For app/api/v1/**\/route.ts: `export const GET = apiHandler("/claims/{id}", "GET");` */
export const apiHandler = (path: string, method: Method) => routeHandler(ALL_ENDPOINTS, path, method);
