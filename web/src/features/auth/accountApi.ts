// The account pages' calls: login, passwords, invitations, the account's sessions. The shell's
// (who am I, logout) are in api.ts, which stays without zod for the first load.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, setCsrfToken } from "../../api/client.ts";
import {
  me as meSchema,
  passwordResetRequested,
  sessionList,
  type ChangePasswordBody,
  type LoginBody,
  type PasswordResetBody,
  type PasswordResetRequestBody,
} from "../../../../common/schemas/auth.ts";
import { invitationPublic, type InvitationAcceptBody } from "../../../../common/schemas/invitations.ts";
import { meQueryKey } from "./api.ts";
import { markSessionExpired } from "./RequireAuth.tsx";

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      apiRequest("/auth/login", { method: "POST", body, schema: meSchema, noAuthRedirect: true }),
    onSuccess: (me) => {
      markSessionExpired(false);
      // Nothing of a previous session may stay in the cache.
      queryClient.clear();
      setCsrfToken(me.csrf_token);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post("/me/password", body),
    // The server may rotate the session and its CSRF token.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequestBody) => apiRequest("/auth/password-reset", { method: "POST", body, schema: passwordResetRequested, noAuthRedirect: true }),
  });
}

export function useResetPassword(token: string) {
  return useMutation({
    mutationFn: (body: PasswordResetBody) => apiRequest(`/auth/password-reset/${encodeURIComponent(token)}`, { method: "POST", body, noAuthRedirect: true }),
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ["invitation", token],
    queryFn: ({ signal }) => apiRequest(`/invitations/${encodeURIComponent(token)}`, { schema: invitationPublic, noAuthRedirect: true, signal }),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationAcceptBody) => apiRequest(`/invitations/${encodeURIComponent(token)}/accept`, { method: "POST", body, schema: meSchema, noAuthRedirect: true }),
    onSuccess: (me) => {
      queryClient.clear();
      setCsrfToken(me.csrf_token);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export const sessionsQueryKey = ["me", "sessions"] as const;

export function useSessions() {
  return useQuery({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => api.get("/me/sessions", sessionList, undefined, signal), select: (data) => data.items });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/me/sessions/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
