import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/articles/{id}/claims", "GET");
export const POST = apiHandler("/articles/{id}/claims", "POST");
