import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/sources/{id}", "GET");
export const PATCH = apiHandler("/sources/{id}", "PATCH");
export const DELETE = apiHandler("/sources/{id}", "DELETE");
