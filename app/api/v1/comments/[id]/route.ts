import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/comments/{id}", "GET");
export const PATCH = apiHandler("/comments/{id}", "PATCH");
export const DELETE = apiHandler("/comments/{id}", "DELETE");
