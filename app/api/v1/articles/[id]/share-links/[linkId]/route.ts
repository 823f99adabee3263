import { apiHandler } from "@/lib/api/v1/registry";

export const DELETE = apiHandler("/articles/{id}/share-links/{linkId}", "DELETE");
