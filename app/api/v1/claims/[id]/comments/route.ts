import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/claims/{id}/comments", "GET");
export const POST = apiHandler("/claims/{id}/comments", "POST");
