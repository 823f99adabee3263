import { buildOpenApiDocument } from "@/lib/api/v1/openapi";
import { ALL_ENDPOINTS } from "@/lib/api/v1/registry";

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public: it holds no data). */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(ALL_ENDPOINTS), { headers: { "Cache-Control": "public, max-age=300" } });
}
