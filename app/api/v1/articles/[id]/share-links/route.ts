import { apiHandler } from "@/lib/api/v1/registry";

export const GET = apiHandler("/articles/{id}/share-links", "GET");
export const POST = apiHandler("/articles/{id}/share-links", "POST");
