import { apiHandler } from "@/lib/api/v1/registry";

export const DELETE = apiHandler("/claims/{id}/assignees/{userId}", "DELETE");
