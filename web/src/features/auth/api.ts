// The shell's side of the session (every page's first load): who am I, logout, "Rester connecté".
// Without zod (web/bundle-budget.ts): these answers are not checked again in the browser, the
// server serialises each one through its schema in common/schemas/auth.ts. The hooks of the
// account pages (login, passwords, invitations, sessions) are in accountApi.ts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiRequest, isApiError, setCsrfLoader, setCsrfToken } from "../../api/client.ts";
import type { Me } from "../../../../common/schemas/auth.ts";
import { drafts } from "../../shared/drafts.ts";
import { unsaved } from "../../shared/unsavedChanges.ts";

export const meQueryKey = ["me"] as const;

/** Who am I: the `me` object, or null when not logged in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>("/me", { noAuthRedirect: true });
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

/** "Rester connecté": restarts the session's idle timer (the answer's headers update the warning). */
export function useRefreshSession() {
  return useMutation({ mutationFn: () => api.post("/me/session/refresh", {}) });
}
