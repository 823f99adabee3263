import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/articles/{id}", "GET");
export const PATCH = apiHandler("/articles/{id}", "PATCH");
export const DELETE = apiHandler("/articles/{id}", "DELETE");
