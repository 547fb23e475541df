import { boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";

export const users = pgTable("users", {
  id: pk(),
  /** Stored lower-cased. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** argon2id; null for accounts that only sign in through an identity provider. */
  password_hash: text("password_hash"),
  is_admin: boolean("is_admin").notNull().default(false),
  /** Deactivated by a platform admin: cannot sign in, sessions ended, tokens refused. */
  disabled_at: tstz("disabled_at"),
  last_login_at: tstz("last_login_at"),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

/** Links an account to an external identity (ProConnect / FranceConnect via OpenID Connect). */
export const user_identities = pgTable(
  "user_identities",
  {
    id: pk(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("user_identities_provider_subject_key").on(t.provider, t.subject)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie value: a database leak does not leak live sessions. */
    id: text("id").primaryKey(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrf_token: text("csrf_token").notNull(),
    /** Shown to the user and used to end the session from another one (the id is a secret's hash). */
    public_id: uuid("public_id").notNull().defaultRandom().unique(),
    /** Browser and system, shortened (e.g. "Firefox · Linux"). */
    user_agent: text("user_agent"),
    created_at: createdAt(),
    last_seen_at: tstz("last_seen_at").notNull().defaultNow(),
    expires_at: tstz("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.user_id), index("sessions_expires_idx").on(t.expires_at)],
);

export const api_tokens = pgTable(
  "api_tokens",
  {
    id: pk(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 of the secret part. */
    token_hash: text("token_hash").notNull().unique(),
    created_at: createdAt(),
    last_used_at: tstz("last_used_at"),
    revoked_at: tstz("revoked_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.user_id)],
);

/**
 * Failed logins (and attempts in flight: a row is reserved before the password is checked, and
 * removed when it is right), for rate limiting across app instances. One row per attempt: the
 * account limit counts the rows of `account_key`, the address limit counts the distinct accounts
 * that failed from `ip`. See auth.service.ts login().
 */
export const login_failures = pgTable(
  "login_failures",
  {
    id: pk(),
    /** "email:" + SHA-256 of the lower-cased e-mail (known account or not): the e-mail is not stored. */
    account_key: text("account_key").notNull(),
    ip: text("ip").notNull(),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [index("login_failures_account_at_idx").on(t.account_key, t.at), index("login_failures_ip_at_idx").on(t.ip, t.at)],
);

/** "Mot de passe oublié": one-time links valid one hour, stored as SHA-256. */
export const password_resets = pgTable(
  "password_resets",
  {
    id: pk(),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    token_hash: text("token_hash").notNull().unique(),
    created_at: createdAt(),
    expires_at: tstz("expires_at").notNull(),
    used_at: tstz("used_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.user_id)],
);
