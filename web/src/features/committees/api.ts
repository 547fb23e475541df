// Queries and mutations of the committees, checked against the shared schemas.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  agendaView,
  calendarSubscriptionCreated,
  charterView,
  committeeList,
  committeeView,
  decisionView,
  memberOptions,
  minutesView,
  sessionList,
  sessionView,
  submissionCreated,
  submissionDocumentList,
  submissionDocumentView,
  type committeeCreateBody,
  type committeeUpdateBody,
  type decisionBody,
  type sessionUpdateBody,
  type submissionCreateBody,
} from "../../../../common/schemas/committees.ts";
import { api } from "../../api/client.ts";

export const committeeKeys = {
  all: ["committees"] as const,
  list: (territoryId?: string) => ["committees", "list", territoryId ?? ""] as const,
  one: (id: string) => ["committees", id] as const,
  sessions: (id: string) => ["committees", id, "sessions"] as const,
  agenda: (sessionId: string) => ["committees", "session", sessionId] as const,
  minutes: (sessionId: string) => ["committees", "session", sessionId, "minutes"] as const,
  charter: (territoryId: string) => ["committees", "charter", territoryId] as const,
  documents: (submissionId: string) => ["committees", "submission", submissionId, "documents"] as const,
};

export function useCommittees(territoryId?: string) {
  return useQuery({ queryKey: committeeKeys.list(territoryId), queryFn: () => api.get("/committees", committeeList, { territory_id: territoryId }) });
}

export function useCommittee(id: string) {
  return useQuery({ queryKey: committeeKeys.one(id), queryFn: () => api.get(`/committees/${id}`, committeeView) });
}

export function useSessions(id: string) {
  return useQuery({ queryKey: committeeKeys.sessions(id), queryFn: () => api.get(`/committees/${id}/sessions`, sessionList) });
}

export function useAgenda(sessionId: string) {
  return useQuery({ queryKey: committeeKeys.agenda(sessionId), queryFn: () => api.get(`/committee-sessions/${sessionId}/agenda`, agendaView) });
}

export function useMinutes(sessionId: string) {
  return useQuery({ queryKey: committeeKeys.minutes(sessionId), queryFn: () => api.get(`/committee-sessions/${sessionId}/minutes`, minutesView) });
}

export function useCharter(territoryId: string, enabled: boolean) {
  return useQuery({ queryKey: committeeKeys.charter(territoryId), queryFn: () => api.get("/charters", charterView, { territory_id: territoryId }), enabled, retry: false });
}

function useInvalidateAll() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: committeeKeys.all });
}

export function useCreateCommittee() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (body: z.input<typeof committeeCreateBody>) => api.post("/committees", body, committeeView), onSuccess: invalidate });
}

export function useMemberOptions(committeeId: string, enabled: boolean) {
  return useQuery({ queryKey: [...committeeKeys.one(committeeId), "member-options"], queryFn: ({ signal }) => api.get(`/committees/${committeeId}/member-options`, memberOptions, undefined, signal), enabled });
}

export function useUpdateCommittee(committeeId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (body: z.input<typeof committeeUpdateBody>) => api.patch(`/committees/${committeeId}`, body, committeeView), onSuccess: invalidate });
}

export function useUpdateSession() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: z.input<typeof sessionUpdateBody> }) => api.patch(`/committee-sessions/${id}`, body, sessionView), onSuccess: invalidate });
}

export function useAddSession(committeeId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (body: { date: string; reason: string }) => api.post(`/committees/${committeeId}/sessions`, body, sessionView), onSuccess: invalidate });
}

export function useWriteCharter() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (body: { territory_id: string; text: string }) => api.post("/charters", body, charterView), onSuccess: invalidate });
}

export function useSignCharter() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (charterId: string) => api.post(`/charters/${charterId}/signatures`), onSuccess: invalidate });
}

export function useSubmit(committeeId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (body: z.input<typeof submissionCreateBody>) => api.post(`/committees/${committeeId}/submissions`, body, submissionCreated), onSuccess: invalidate });
}

export function useAttendance(sessionId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (items: { member_id: string; status: string; substitute_user_id?: string | null }[]) => api.post(`/committee-sessions/${sessionId}/attendance`, { items }), onSuccess: invalidate });
}

export function useDecide(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof decisionBody>) => api.post(`/committee-sessions/${sessionId}/decisions`, body, decisionView),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: committeeKeys.all }), queryClient.invalidateQueries({ queryKey: ["pathway"] })]),
  });
}

// ── Documents joined to a submission ──

export function useSubmissionDocuments(submissionId: string) {
  return useQuery({ queryKey: committeeKeys.documents(submissionId), queryFn: ({ signal }) => api.get(`/committee-submissions/${submissionId}/documents`, submissionDocumentList, undefined, signal) });
}

/** Joins one file (multipart, field `file`); the server recognises its type by its bytes. */
export function uploadSubmissionDocument(submissionId: string, file: File) {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.upload(`/committee-submissions/${submissionId}/documents`, form, submissionDocumentView);
}

export function useUploadDocuments(submissionId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({
    /** Each file in turn; the refusals are returned by file (the others are joined). */
    mutationFn: async (files: File[]) => {
      const refused: { file: string; error: unknown }[] = [];
      for (const file of files) {
        try {
          await uploadSubmissionDocument(submissionId, file);
        } catch (error) {
          refused.push({ file: file.name, error });
        }
      }
      return { joined: files.length - refused.length, refused };
    },
    onSettled: invalidate,
  });
}

export function useDeleteDocument() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (documentId: string) => api.delete(`/committee-submission-documents/${documentId}`), onSuccess: invalidate });
}

// ── The private calendar URL ──

export function useSubscribeCalendar(committeeId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: () => api.post(`/committees/${committeeId}/calendar-subscription`, {}, calendarSubscriptionCreated), onSuccess: invalidate });
}

export function useUnsubscribeCalendar(committeeId: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: () => api.delete(`/committees/${committeeId}/calendar-subscription`), onSuccess: invalidate });
}
