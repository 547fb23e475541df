import { z } from "../zod.ts";

/** Which sign-in methods this instance offers (public: the login page reads it). */
export const authProviders = z.object({
  /** « S'identifier avec ProConnect » is offered (the ProConnect variables are set). */
  proconnect: z.boolean(),
});
export type AuthProviders = z.infer<typeof authProviders>;

export const proconnectLoginQuery = z.object({
  /** The spie page to come back to once signed in (a path, e.g. /personnes). */
  retour: z.string().max(500).optional(),
});

/** The provider's answer (OpenID Connect authorization response); read whole by the server. */
export const proconnectCallbackQuery = z.looseObject({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** The answer of POST /auth/logout when the session came from ProConnect: the browser goes there next. */
export const logoutAnswer = z.object({ logout_url: z.string() });
