import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/articles", "GET");
export const POST = apiHandler("/articles", "POST");
