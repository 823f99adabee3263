import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/claims/{id}/sources", "GET");
export const POST = apiHandler("/claims/{id}/sources", "POST");
