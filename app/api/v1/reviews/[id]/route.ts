import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/reviews/{id}", "GET");
export const PATCH = apiHandler("/reviews/{id}", "PATCH");
export const DELETE = apiHandler("/reviews/{id}", "DELETE");
