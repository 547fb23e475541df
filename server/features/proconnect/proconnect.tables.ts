import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, tstz } from "../../db/columns.ts";
import { sessions } from "../auth/auth.tables.ts";

/**
 * Sign-ins in flight at an OpenID provider: one row per click on « S'identifier avec ProConnect »,
 * consumed (deleted) by the callback, so a state is used once; expired after 10 minutes.
 */
export const oidc_logins = pgTable(
  "oidc_logins",
  {
    /** SHA-256 of the `state` sent to the provider (the browser holds the state in a cookie). */
    id: text("id").primaryKey(),
    provider: text("provider").notNull(),
    nonce: text("nonce").notNull(),
    /** PKCE code verifier (RFC 7636). */
    code_verifier: text("code_verifier").notNull(),
    /** The spie page to show once signed in (a path). */
    return_to: text("return_to").notNull(),
    created_at: createdAt(),
    expires_at: tstz("expires_at").notNull(),
  },
  (t) => [index("oidc_logins_expires_idx").on(t.expires_at)],
);

/** The provider's side of a spie session opened through it: the ID token, sent back at logout. */
export const oidc_sessions = pgTable("oidc_sessions", {
  session_id: text("session_id")
    .primaryKey()
    .references(() => sessions.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  /** The ID token (id_token_hint of the provider's logout), encrypted with the SPIE_SECRET key. */
  id_token: text("id_token").notNull(),
  created_at: createdAt(),
});
