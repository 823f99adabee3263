import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/search", "GET");
