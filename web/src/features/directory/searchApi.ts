// The public search of the directory, in its first load: without zod (web/bundle-budget.ts). The
// answer is not checked again in the browser (the server serialises it through
// `serviceSearchResult`), and a shared link's parameters are checked by the server, whose problem
// names each bad one (searchLink.ts). The directory's other calls are in api.ts.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type QueryParams } from "../../api/client.ts";
import type { ServiceSearchResult } from "../../../../common/schemas/directory.ts";

export const directoryKeys = {
  all: ["directory"] as const,
  search: (params: QueryParams) => ["directory", "search", params] as const,
  service: (id: string) => ["directory", "service", id] as const,
  structure: (id: string) => ["directory", "structure", id] as const,
  structureServices: (id: string) => ["directory", "structure-services", id] as const,
  suggestions: (id: string) => ["directory", "suggestions", id] as const,
};

export function useServiceSearch(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: directoryKeys.search(params),
    queryFn: ({ signal }) => api.get<ServiceSearchResult>("/services", undefined, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
