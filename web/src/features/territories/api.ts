import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "../../../../common/zod.ts";
import { api } from "../../api/client.ts";
import { commune, territory } from "../../../../common/schemas/territories.ts";

const territoryList = z.object({ items: z.array(territory) });
const communeList = z.object({ items: z.array(commune) });

export function useTerritories() {
  return useQuery({
    queryKey: ["territories"],
    queryFn: () => api.get("/territories", territoryList),
    staleTime: 60 * 60_000,
    select: (data) => data.items,
  });
}

export function useCommuneSearch(q: string, limit = 10) {
  const query = q.trim();
  return useQuery({
    queryKey: ["communes", query, limit],
    queryFn: ({ signal }) => api.get("/communes", communeList, { q: query, limit }, signal),
    enabled: query.length >= 2,
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}
