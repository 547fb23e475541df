// The commune look-up of address fields and of the public directory's search (its first load):
// without zod (web/bundle-budget.ts); the server serialises the answer through its schema
// (common/schemas/territories.ts, `commune`).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { Commune } from "../../../../common/schemas/territories.ts";

export function useCommuneSearch(q: string, limit = 10) {
  const query = q.trim();
  return useQuery({
    queryKey: ["communes", query, limit],
    queryFn: ({ signal }) => api.get<{ items: Commune[] }>("/communes", undefined, { q: query, limit }, signal),
    enabled: query.length >= 2,
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}
