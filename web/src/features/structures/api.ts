import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "../../../../common/zod.ts";
import type { MembershipRole } from "../../../../common/domain/roles.ts";
import { member, structure, structureList, type StructureCreateBody } from "../../../../common/schemas/structures.ts";
import { invitation, type InvitationCreateBody } from "../../../../common/schemas/invitations.ts";
import { api } from "../../api/client.ts";
import { meQueryKey } from "../auth/api.ts";

const memberList = z.object({ items: z.array(member) });

export const structureKeys = {
  detail: (id: string) => ["structures", id] as const,
  members: (id: string) => ["structures", id, "members"] as const,
  invitations: (id: string) => ["structures", id, "invitations"] as const,
};

export function useStructure(id: string) {
  return useQuery({ queryKey: structureKeys.detail(id), queryFn: ({ signal }) => api.get(`/structures/${id}`, structure, undefined, signal) });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: structureKeys.members(id),
    queryFn: ({ signal }) => api.get(`/structures/${id}/members`, memberList, undefined, signal),
    select: (data) => data.items,
  });
}

const invitationList = z.object({ items: z.array(invitation) });

export function useInvitations(structureId: string, enabled: boolean) {
  return useQuery({
    queryKey: structureKeys.invitations(structureId),
    queryFn: ({ signal }) => api.get(`/structures/${structureId}/invitations`, invitationList, undefined, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useInvite(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationCreateBody) => api.post(`/structures/${structureId}/invitations`, body, invitation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: structureKeys.invitations(structureId) }),
  });
}

export function useResendInvitation(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.post(`/structures/${structureId}/invitations/${invitationId}/resend`, {}, invitation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: structureKeys.invitations(structureId) }),
  });
}

export function useRevokeInvitation(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.delete(`/structures/${structureId}/invitations/${invitationId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: structureKeys.invitations(structureId) }),
  });
}

export function useUpdateMemberRole(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, role }: { membershipId: string; role: MembershipRole }) =>
      api.patch(`/structures/${structureId}/members/${membershipId}`, { role }, z.unknown()),
    // Resolves once the members on screen are refetched: the message and the list change together.
    onSuccess: async () => {
      // My own role may have changed (header links, permissions).
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      void queryClient.invalidateQueries({ queryKey: structureKeys.detail(structureId), exact: true });
      await queryClient.invalidateQueries({ queryKey: structureKeys.members(structureId) });
    },
  });
}

export function useRemoveMember(structureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => api.delete(`/structures/${structureId}/members/${membershipId}`),
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: structureKeys.members(structureId) });
    },
  });
}

export function useStructureList(q: string) {
  return useQuery({
    queryKey: ["structures", "list", q],
    queryFn: ({ signal }) => api.get("/structures", structureList, { q: q.trim() || undefined, origin: "platform", page_size: 100 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSaveStructure(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StructureCreateBody) => (id ? api.patch(`/structures/${id}`, body, structure) : api.post("/structures", body, structure)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["structures"] });
      queryClient.setQueryData(structureKeys.detail(saved.id), saved);
    },
  });
}

export function useSetStructureActive(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (active: boolean) => api.post(`/structures/${id}/${active ? "reactivate" : "deactivate"}`, undefined, structure),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["structures"] });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      queryClient.setQueryData(structureKeys.detail(id), saved);
    },
  });
}

export function useDirectoryRecords(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ["structures", "directory", query],
    queryFn: ({ signal }) => api.get("/structures", structureList, { q: query, origin: "directory", page_size: 10 }, signal),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useClaimDirectoryRecord(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (directoryStructureId: string) => api.post(`/structures/${id}/claim`, { directory_structure_id: directoryStructureId }, structure),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["structures"] });
      queryClient.setQueryData(structureKeys.detail(id), saved);
    },
  });
}
