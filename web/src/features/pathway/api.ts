// Queries and mutations of the pathway (diagnostic, orientation, contracts, action plan, notes),
// checked against the shared schemas of common/schemas.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { action, actionList, objective, objectiveList, type ActionCreateBody, type ActionUpdateBody, type ObjectiveCreateBody } from "../../../../common/schemas/action-plan.ts";
import {
  contract,
  contractList,
  type ContractAmendBody,
  type ContractCreateInput,
  type ContractEndBody,
  type ContractRenewBody,
  type ContractSignBody,
  type ContractUpdateBody,
} from "../../../../common/schemas/contracts.ts";
import { diagnostic, diagnosticDiff, diagnosticVersions, type DiagnosticBodyInput } from "../../../../common/schemas/diagnostic.ts";
import { noteList, note, type NoteCreateBody, type NoteUpdateBody } from "../../../../common/schemas/notes.ts";
import {
  orientation,
  orientationList,
  orientationOptions,
  recommendation,
  reorientationRequest,
  reorientationRequestList,
  type OrientationBody,
  type ReorientationDecisionBody,
  type ReorientationRequestBody,
} from "../../../../common/schemas/orientation.ts";
import { pathway } from "../../../../common/schemas/pathway.ts";
import { api, apiRequest } from "../../api/client.ts";

export const pathwayKeys = {
  all: (id: string) => ["pathway", id] as const,
  summary: (id: string) => ["pathway", id, "summary"] as const,
  diagnostic: (id: string) => ["pathway", id, "diagnostic"] as const,
  versions: (id: string) => ["pathway", id, "diagnostic", "versions"] as const,
  diff: (id: string, from: number, to: number) => ["pathway", id, "diagnostic", "diff", from, to] as const,
  recommendation: (id: string) => ["pathway", id, "recommendation"] as const,
  orientations: (id: string) => ["pathway", id, "orientations"] as const,
  options: (id: string) => ["pathway", id, "orientation-options"] as const,
  reorientations: (id: string) => ["pathway", id, "reorientations"] as const,
  contracts: (id: string) => ["pathway", id, "contracts"] as const,
  objectives: (id: string) => ["pathway", id, "objectives"] as const,
  actions: (id: string, filters: { thematic: string; status: string }) => ["pathway", id, "actions", filters] as const,
  notes: (id: string) => ["pathway", id, "notes"] as const,
};

/** After any write: everything of the person's pathway (and the timeline, the team, my people). */
/**
 * After a change to a person's pathway. The file on screen (its pathway and its header, the people
 * feature's ["people", "detail", id]) is refetched before the mutation resolves, so a form's success
 * message and the file it describes change together; the lists are marked stale without waiting.
 */
function useInvalidate(personId: string) {
  const queryClient = useQueryClient();
  return async () => {
    const file = ["people", "detail", personId];
    void queryClient.invalidateQueries({ queryKey: ["people"], predicate: (q) => file.some((part, i) => q.queryKey[i] !== part) });
    await Promise.all([queryClient.invalidateQueries({ queryKey: pathwayKeys.all(personId) }), queryClient.invalidateQueries({ queryKey: file })]);
  };
}

export function usePathway(id: string) {
  return useQuery({ queryKey: pathwayKeys.summary(id), queryFn: ({ signal }) => api.get(`/people/${id}/pathway`, pathway, undefined, signal) });
}

// ——— Diagnostic ———

export function useDiagnostic(id: string) {
  return useQuery({ queryKey: pathwayKeys.diagnostic(id), queryFn: ({ signal }) => api.get(`/people/${id}/diagnostic`, diagnostic, undefined, signal) });
}

export function useSaveDiagnostic(id: string) {
  const invalidate = useInvalidate(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DiagnosticBodyInput) => apiRequest(`/people/${id}/diagnostic`, { method: "PUT", body, schema: diagnostic }),
    onSuccess: (saved) => {
      // The tab shows the saved version from the answer itself; the rest refreshes behind.
      queryClient.setQueryData(pathwayKeys.diagnostic(id), saved);
      void invalidate();
    },
  });
}

export function useDiagnosticVersions(id: string) {
  return useQuery({ queryKey: pathwayKeys.versions(id), queryFn: ({ signal }) => api.get(`/people/${id}/diagnostic/versions`, diagnosticVersions, undefined, signal) });
}

export function useDiagnosticDiff(id: string, from: number, to: number, enabled: boolean) {
  return useQuery({
    queryKey: pathwayKeys.diff(id, from, to),
    queryFn: ({ signal }) => api.get(`/people/${id}/diagnostic/diff`, diagnosticDiff, { from, to }, signal),
    enabled,
  });
}

// ——— Orientation ———

export function useRecommendation(id: string) {
  return useQuery({ queryKey: pathwayKeys.recommendation(id), queryFn: ({ signal }) => api.get(`/people/${id}/orientation/recommendation`, recommendation, undefined, signal) });
}

export function useOrientations(id: string) {
  return useQuery({ queryKey: pathwayKeys.orientations(id), queryFn: ({ signal }) => api.get(`/people/${id}/orientations`, orientationList, undefined, signal) });
}

export function useOrientationOptions(id: string, enabled: boolean) {
  return useQuery({ queryKey: pathwayKeys.options(id), queryFn: ({ signal }) => api.get(`/people/${id}/orientation/options`, orientationOptions, undefined, signal), enabled });
}

export function useDecideOrientation(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: (body: OrientationBody) => api.post(`/people/${id}/orientations`, body, orientation), onSuccess: invalidate });
}

export function useReorientationRequests(id: string) {
  return useQuery({ queryKey: pathwayKeys.reorientations(id), queryFn: ({ signal }) => api.get(`/people/${id}/reorientation-requests`, reorientationRequestList, undefined, signal) });
}

export function useRequestReorientation(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: (body: ReorientationRequestBody) => api.post(`/people/${id}/reorientation-requests`, body, reorientationRequest), onSuccess: invalidate });
}

export function useDecideReorientation(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({
    mutationFn: ({ requestId, ...body }: ReorientationDecisionBody & { requestId: string }) => api.post(`/reorientation-requests/${requestId}/decision`, body, reorientationRequest),
    onSuccess: invalidate,
  });
}

// ——— Contracts ———

export function useContracts(id: string) {
  return useQuery({ queryKey: pathwayKeys.contracts(id), queryFn: ({ signal }) => api.get(`/people/${id}/contracts`, contractList, undefined, signal) });
}

export function useCreateContract(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: (body: ContractCreateInput) => api.post(`/people/${id}/contracts`, body, contract), onSuccess: invalidate });
}

export function useUpdateContract(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ contractId, ...body }: ContractUpdateBody & { contractId: string }) => api.patch(`/contracts/${contractId}`, body, contract), onSuccess: invalidate });
}

export function useSignContract(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ contractId, ...body }: ContractSignBody & { contractId: string }) => api.post(`/contracts/${contractId}/sign`, body, contract), onSuccess: invalidate });
}

export function useAmendContract(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ contractId, ...body }: ContractAmendBody & { contractId: string }) => api.post(`/contracts/${contractId}/amend`, body, contract), onSuccess: invalidate });
}

export function useEndContract(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ contractId, ...body }: ContractEndBody & { contractId: string }) => api.post(`/contracts/${contractId}/end`, body, contract), onSuccess: invalidate });
}

export function useRenewContract(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ contractId, ...body }: ContractRenewBody & { contractId: string }) => api.post(`/contracts/${contractId}/renew`, body, contract), onSuccess: invalidate });
}

// ——— Action plan ———

export function useObjectives(id: string) {
  return useQuery({ queryKey: pathwayKeys.objectives(id), queryFn: ({ signal }) => api.get(`/people/${id}/objectives`, objectiveList, undefined, signal) });
}

export function useActions(id: string, filters: { thematic: string; status: string }) {
  return useQuery({
    queryKey: pathwayKeys.actions(id, filters),
    queryFn: ({ signal }) => api.get(`/people/${id}/actions`, actionList, { thematic: filters.thematic, status: filters.status }, signal),
  });
}

export function useCreateObjective(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: (body: ObjectiveCreateBody) => api.post(`/people/${id}/objectives`, body, objective), onSuccess: invalidate });
}

export function useCreateAction(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ objectiveId, ...body }: Partial<ActionCreateBody> & { title: string; objectiveId: string }) => api.post(`/objectives/${objectiveId}/actions`, body, action), onSuccess: invalidate });
}

export function useUpdateAction(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ actionId, ...body }: ActionUpdateBody & { actionId: string }) => api.patch(`/actions/${actionId}`, body, action), onSuccess: invalidate });
}

// ——— Notes ———

export function useNotes(id: string) {
  return useQuery({ queryKey: pathwayKeys.notes(id), queryFn: ({ signal }) => api.get(`/people/${id}/notes`, noteList, undefined, signal) });
}

export function useCreateNote(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({ mutationFn: (body: Partial<NoteCreateBody> & { body: string }) => api.post(`/people/${id}/notes`, body, note), onSuccess: invalidate });
}

export function useCorrectNote(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: ({ noteId, ...body }: NoteUpdateBody & { noteId: string }) => api.patch(`/notes/${noteId}`, body, note), onSuccess: invalidate });
}

export function useDeleteNote(personId: string) {
  const invalidate = useInvalidate(personId);
  return useMutation({ mutationFn: (noteId: string) => api.delete(`/notes/${noteId}`), onSuccess: invalidate });
}
