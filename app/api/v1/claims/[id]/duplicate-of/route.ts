import { apiHandler } from "@/lib/api/v1/registry";

export const PUT = apiHandler("/claims/{id}/duplicate-of", "PUT");
