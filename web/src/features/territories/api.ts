import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "../../../../common/zod.ts";
import { api } from "../../api/client.ts";
import { territory } from "../../../../common/schemas/territories.ts";
import {
  perimeterOption,
  territoryCounts,
  territoryDetail,
  territoryPeople,
  territoryQueues,
  type PerimeterItemBody,
  type TerritoryCreateBody,
  type TerritoryUpdateBody,
} from "../../../../common/schemas/territories.ts";


const territoryList = z.object({ items: z.array(territory) });

export function useTerritories() {
  return useQuery({
    queryKey: ["territories"],
    queryFn: () => api.get("/territories", territoryList),
    staleTime: 60 * 60_000,
    select: (data) => data.items,
  });
}


// ——— A territory's page, administration, queues ———
export const territoryKeys = {
  all: ["territories"] as const,
  detail: (id: string) => ["territories", id] as const,
  queues: (id: string) => ["territories", id, "queues"] as const,
  counts: (id: string) => ["territories", id, "counts"] as const,
  people: (id: string, q: string) => ["territories", id, "people", q] as const,
};

export function useTerritory(id: string) {
  return useQuery({ queryKey: territoryKeys.detail(id), queryFn: ({ signal }) => api.get(`/territories/${id}`, territoryDetail, undefined, signal) });
}

export function useTerritoryQueues(id: string | undefined) {
  return useQuery({ queryKey: territoryKeys.queues(id ?? ""), queryFn: ({ signal }) => api.get(`/territories/${id}/queues`, territoryQueues, undefined, signal), enabled: Boolean(id) });
}

export function useTerritoryCounts(id: string | undefined) {
  return useQuery({ queryKey: territoryKeys.counts(id ?? ""), queryFn: ({ signal }) => api.get(`/territories/${id}/counts`, territoryCounts, undefined, signal), enabled: Boolean(id) });
}

export function useTerritoryPeopleSearch(id: string | undefined, q: string) {
  return useQuery({
    queryKey: territoryKeys.people(id ?? "", q),
    queryFn: ({ signal }) => api.get(`/territories/${id}/people`, territoryPeople, { q }, signal),
    enabled: Boolean(id) && q.trim().length >= 2,
  });
}

export function usePerimeterSearch(q: string, kind: "region" | "departement" | "epci") {
  const query = q.trim();
  return useQuery({
    queryKey: ["geography", kind, query],
    queryFn: ({ signal }) => api.get("/geography/areas", z.object({ items: z.array(perimeterOption) }), { q: query, kind, limit: 10 }, signal),
    enabled: query.length >= 1,
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

export function useCreateTerritory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TerritoryCreateBody) => api.post("/territories", body, territoryDetail),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: territoryKeys.all }),
  });
}

export function useUpdateTerritory(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TerritoryUpdateBody) => api.patch(`/territories/${id}`, body, territoryDetail),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: territoryKeys.all }),
  });
}

export type { PerimeterItemBody };
