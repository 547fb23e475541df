import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest } from "../../api/client.ts";
import {
  cohort,
  cohortList,
  cohortMembers,
  cohortMembersAdded,
  cohortMembersRemoved,
  cohortOutcomes,
  cohortPreview,
  personCohorts,
  type CohortCreateBody,
  type CohortMembersAddBody,
  type CohortMembersRemoveBody,
  type CohortUpdateBody,
} from "../../../../common/schemas/cohorts.ts";

export const cohortKeys = {
  all: ["cohorts"] as const,
  detail: (id: string) => ["cohorts", id] as const,
  preview: (id: string, after: string | null) => ["cohorts", id, "preview", after] as const,
  members: (id: string, status: string, after: string | null) => ["cohorts", id, "members", status, after] as const,
  outcomes: (id: string) => ["cohorts", id, "outcomes"] as const,
  person: (personId: string) => ["people", personId, "cohorts"] as const,
};

export function useCohorts() {
  return useQuery({ queryKey: cohortKeys.all, queryFn: ({ signal }) => api.get("/cohorts", cohortList, undefined, signal) });
}

export function useCohort(id: string) {
  return useQuery({ queryKey: cohortKeys.detail(id), queryFn: ({ signal }) => api.get(`/cohorts/${id}`, cohort, undefined, signal) });
}

export function useCreateCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CohortCreateBody) => api.post("/cohorts", body, cohort),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortKeys.all }),
  });
}

export function useUpdateCohort(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CohortUpdateBody) => api.patch(`/cohorts/${id}`, body, cohort),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortKeys.all }),
  });
}

/** The preview is asked for (a POST that reads): a query keyed on the page, run when `enabled`. */
export function useCohortPreview(id: string, after: string | null, enabled: boolean) {
  return useQuery({
    queryKey: cohortKeys.preview(id, after),
    queryFn: () => api.post(`/cohorts/${id}/preview`, after ? { after } : {}, cohortPreview),
    enabled,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export function useCohortMembers(id: string, status: "active" | "left" | "all", after: string | null, enabled: boolean) {
  return useQuery({
    queryKey: cohortKeys.members(id, status, after),
    queryFn: ({ signal }) => api.get(`/cohorts/${id}/members`, cohortMembers, { status, after: after ?? undefined }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCohortOutcomes(id: string, enabled: boolean) {
  return useQuery({ queryKey: cohortKeys.outcomes(id), queryFn: ({ signal }) => api.get(`/cohorts/${id}/outcomes`, cohortOutcomes, undefined, signal), enabled });
}

export function useAddCohortMembers(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CohortMembersAddBody) => api.post(`/cohorts/${id}/members`, body, cohortMembersAdded),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortKeys.all }),
  });
}

export function useRemoveCohortMembers(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CohortMembersRemoveBody) => apiRequest(`/cohorts/${id}/members`, { method: "DELETE", body, schema: cohortMembersRemoved }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortKeys.all }),
  });
}

export function usePersonCohorts(personId: string) {
  return useQuery({ queryKey: cohortKeys.person(personId), queryFn: ({ signal }) => api.get(`/people/${personId}/cohorts`, personCohorts, undefined, signal) });
}

export function useAddPersonToCohort(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (cohortId: string) => api.post(`/people/${personId}/cohorts`, { cohort_id: cohortId }, personCohorts),
    onSuccess: (data) => {
      queryClient.setQueryData(cohortKeys.person(personId), data);
      void queryClient.invalidateQueries({ queryKey: cohortKeys.all });
    },
  });
}
