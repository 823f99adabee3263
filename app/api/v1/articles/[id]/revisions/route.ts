import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/articles/{id}/revisions", "GET");
export const POST = apiHandler("/articles/{id}/revisions", "POST");
