import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  unmetNeed,
  unmetNeedList,
  unmetNeedSummary,
  type UnmetNeedCreateBody,
  type UnmetNeedUpdateBody,
} from "../../../../common/schemas/unmet-needs.ts";
import { api, API_BASE, type QueryParams } from "../../api/client.ts";

export const unmetNeedKeys = {
  all: ["unmet-needs"] as const,
  list: (params: QueryParams) => ["unmet-needs", "list", params] as const,
  summary: (params: QueryParams) => ["unmet-needs", "summary", params] as const,
};

export function useUnmetNeeds(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: unmetNeedKeys.list(params),
    queryFn: ({ signal }) => api.get("/unmet-needs", unmetNeedList, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnmetNeedSummary(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: unmetNeedKeys.summary(params),
    queryFn: ({ signal }) => api.get("/unmet-needs/summary", unmetNeedSummary, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The CSV download link of the same filters (a plain link: the browser sends the session cookie). */
export function exportCsvHref(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  return `${API_BASE}/unmet-needs/export.csv?${search.toString()}`;
}

export function useCreateUnmetNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnmetNeedCreateBody) => api.post("/unmet-needs", body, unmetNeed),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unmetNeedKeys.all }),
  });
}

export function useUpdateUnmetNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UnmetNeedUpdateBody }) => api.patch(`/unmet-needs/${id}`, body, unmetNeed),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unmetNeedKeys.all }),
  });
}
