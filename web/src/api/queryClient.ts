import { MutationCache, QueryClient } from "@tanstack/react-query";
import { unsaved } from "../shared/unsavedChanges.ts";
import { isApiError } from "./client.ts";

export const queryClient = new QueryClient({
  // A form's save succeeded: the unsaved-changes guard lets the user go (shared/unsavedChanges.ts).
  mutationCache: new MutationCache({
    onMutate: (_variables, mutation) => unsaved.mutationStarted(mutation),
    onSuccess: (_data, _variables, _context, mutation) => unsaved.mutationSucceeded(mutation),
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not heal by retrying; network and server errors get one more try.
      retry: (failureCount, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failureCount < 1;
      },
    },
    mutations: { retry: false },
  },
});
