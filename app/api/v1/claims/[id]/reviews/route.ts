import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/claims/{id}/reviews", "GET");
export const POST = apiHandler("/claims/{id}/reviews", "POST");
