import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/claims/{id}", "GET");
export const PATCH = apiHandler("/claims/{id}", "PATCH");
export const DELETE = apiHandler("/claims/{id}", "DELETE");
