import { apiHandler } from "@/lib/api/v1/registry";

export const POST = apiHandler("/articles/import", "POST");
