import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, isApiError, setCsrfLoader, setCsrfToken } from "../../api/client.ts";
import {
  me as meSchema,
  passwordResetRequested,
  sessionList,
  sessionRefreshAnswer,
  type ChangePasswordBody,
  type LoginBody,
  type Me,
  type PasswordResetBody,
  type PasswordResetRequestBody,
} from "../../../../common/schemas/auth.ts";
import { drafts } from "../../shared/drafts.ts";
import { markSessionExpired } from "./RequireAuth.tsx";
import { unsaved } from "../../shared/unsavedChanges.ts";
import { invitationPublic, type InvitationAcceptBody } from "../../../../common/schemas/invitations.ts";

export const meQueryKey = ["me"] as const;

/** Who am I: the `me` object, or null when not logged in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest("/me", { schema: meSchema, noAuthRedirect: true });
    setCsrfToken(me.csrf_token);
    return me;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

// Unsafe requests made before /me has answered load the token this way.
setCsrfLoader(async () => {
  await fetchMe();
});

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The logged-in user; only inside <RequireAuth>. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error("useCurrentUser() hors d'une page authentifiée");
  return data;
}

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

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<{ logout_url?: string } | undefined>("/auth/logout", { method: "POST", body: {}, noAuthRedirect: true }),
    // A session opened with ProConnect ends at ProConnect too, which then comes back to /connexion.
    onSuccess: (answer) => {
      if (answer?.logout_url) window.location.assign(answer.logout_url);
    },
    onSettled: () => {
      // Logging out drops the user's drafts on this device, and nothing is left to guard.
      const userId = queryClient.getQueryData<Me | null>(meQueryKey)?.user.id;
      if (userId) drafts.clearUser(userId);
      unsaved.reset();
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
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

/** "Rester connecté": restarts the session's idle timer (the answer's headers update the warning). */
export function useRefreshSession() {
  return useMutation({ mutationFn: () => api.post("/me/session/refresh", {}, sessionRefreshAnswer) });
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
