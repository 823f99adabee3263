import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/claims/{id}/decisions", "GET");
export const POST = apiHandler("/claims/{id}/decisions", "POST");
