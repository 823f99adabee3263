import { apiHandler } from "@/lib/api/v1/registry";

export const POST = apiHandler("/claims/{id}/reuse-decision/duplicates", "POST");
