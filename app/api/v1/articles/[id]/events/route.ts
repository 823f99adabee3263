import { apiHandler } from "@/lib/api/v1/registry";

export const dynamic = "force-dynamic";

export const GET = apiHandler("/articles/{id}/events", "GET");
