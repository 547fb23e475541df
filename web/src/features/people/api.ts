import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "../../../../common/zod.ts";
import {
  accessLogVisits,
  joinRequest,
  joinRequestList,
  mergePreview,
  mergeResult,
  person,
  personCreated,
  personList,
  team,
  timeline,
  type PersonCreateBody,
  type PersonUpdateBody,
  type PERSON_SORTS,
  type joinRequestBody,
  type joinRequestDecisionBody,
} from "../../../../common/schemas/people.ts";
import { api } from "../../api/client.ts";

export type PersonSort = (typeof PERSON_SORTS)[number];
export type JoinRequestBody = z.input<typeof joinRequestBody>;
export type JoinRequestDecisionBody = z.input<typeof joinRequestDecisionBody>;

export const PAGE_SIZE = 20;

export const peopleKeys = {
  all: ["people"] as const,
  list: (params: { q: string; sort: PersonSort; page: number; filters?: PeopleFilters }) => ["people", "list", params] as const,
  detail: (id: string) => ["people", "detail", id] as const,
  team: (id: string) => ["people", "detail", id, "team"] as const,
  timeline: (id: string) => ["people", "detail", id, "timeline"] as const,
  accessLog: (id: string, filters: AccessLogFilters) => ["people", "detail", id, "access-log", filters] as const,
  joinRequests: ["join-requests"] as const,
};

/** Filters of "my people" computed from the pathway's deadlines (see features/pathway). */
export type PeopleFilters = Partial<Record<"overdue" | "no_referent" | "no_contact_3_months", boolean>>;

/** `after`: the keyset cursor (the previous page's next_after), past the numbered pages. */
export function usePeopleList(params: { q: string; sort: PersonSort; page: number; after?: string | undefined; filters?: PeopleFilters }) {
  return useQuery({
    queryKey: peopleKeys.list(params),
    queryFn: ({ signal }) =>
      api.get("/people", personList, { q: params.q, sort: params.sort, page: params.page, page_size: PAGE_SIZE, ...(params.after ? { after: params.after } : {}), ...params.filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: peopleKeys.detail(id), queryFn: ({ signal }) => api.get(`/people/${id}`, person, undefined, signal) });
}

export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonCreateBody) => api.post("/people", body, personCreated),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}

export function useUpdatePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonUpdateBody) => api.patch(`/people/${id}`, body, person),
    onSuccess: (updated) => {
      queryClient.setQueryData(peopleKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
    },
  });
}

export function useTeam(id: string) {
  return useQuery({ queryKey: peopleKeys.team(id), queryFn: ({ signal }) => api.get(`/people/${id}/team`, team, undefined, signal) });
}

export function useSetReferent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => api.post(`/people/${id}/team/referent`, { member_id: memberId }, team),
    // The header names the référent: refetched before the mutation resolves, so the message and the
    // header change together.
    onSuccess: async (updated) => {
      queryClient.setQueryData(peopleKeys.team(id), updated);
      void queryClient.invalidateQueries({ queryKey: ["people", "list"] });
      void queryClient.invalidateQueries({ queryKey: peopleKeys.detail(id), predicate: (q) => q.queryKey.length > 3 && q.queryKey[3] !== "team" });
      await queryClient.invalidateQueries({ queryKey: peopleKeys.detail(id), exact: true });
    },
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: peopleKeys.timeline(id),
    queryFn: ({ signal }) => api.get(`/people/${id}/timeline`, timeline, undefined, signal),
  });
}

export interface AccessLogFilters {
  page: number;
  from?: string | undefined;
  to?: string | undefined;
  user_id?: string | undefined;
}

/** The access log, one line per visit (the raw rows stay in the database). */
export function useAccessLog(id: string, filters: AccessLogFilters, enabled: boolean) {
  return useQuery({
    queryKey: peopleKeys.accessLog(id, filters),
    queryFn: ({ signal }) => api.get(`/people/${id}/access-log`, accessLogVisits, { view: "visits", page_size: PAGE_SIZE, ...filters }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCreateJoinRequest(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: JoinRequestBody) => api.post(`/people/${personId}/join-requests`, body, joinRequest),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.joinRequests }),
  });
}

export function usePendingJoinRequests() {
  return useQuery({
    queryKey: [...peopleKeys.joinRequests, "pending"],
    queryFn: ({ signal }) => api.get("/join-requests", joinRequestList, { status: "pending", page: 1, page_size: 100 }, signal),
  });
}

export function useDecideJoinRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: JoinRequestDecisionBody & { id: string }) =>
      api.post(`/join-requests/${id}/decision`, body, z.unknown()),
    // Resolves once the requests on screen are refetched: the message and the list change together.
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: peopleKeys.all });
      await queryClient.invalidateQueries({ queryKey: peopleKeys.joinRequests });
    },
  });
}

// ——— Merging two files (coordinators of the territory) ———

export function useMergePreview(keptId: string, mergedId: string | null) {
  return useQuery({
    queryKey: ["people", "detail", keptId, "merge-preview", mergedId],
    queryFn: ({ signal }) => api.get(`/people/${keptId}/merge-preview`, mergePreview, { merged_id: mergedId ?? "" }, signal),
    enabled: Boolean(mergedId),
  });
}

export function useMergePeople(keptId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mergedId: string) => api.post(`/people/${keptId}/merge`, { merged_id: mergedId, confirm: true }, mergeResult),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
