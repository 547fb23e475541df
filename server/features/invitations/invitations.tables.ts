import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { structures } from "../structures/structures.tables.ts";

/**
 * An invitation to join a structure with a role, sent by e-mail with a one-time link. The
 * membership (and the account, when there is none) is created only when the invited person accepts.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: pk(),
    structure_id: uuid("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    email: text("email").notNull(),
    /** The name the inviter typed (proposed to a new account). */
    name: text("name"),
    role: text("role").notNull(),
    /** SHA-256 of the link's token; replaced when the invitation is sent again. */
    token_hash: text("token_hash").notNull().unique(),
    invited_by: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    created_at: createdAt(),
    last_sent_at: tstz("last_sent_at").notNull().defaultNow(),
    expires_at: tstz("expires_at").notNull(),
    accepted_at: tstz("accepted_at"),
    accepted_by: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revoked_at: tstz("revoked_at"),
  },
  (t) => [index("invitations_structure_idx").on(t.structure_id), index("invitations_email_idx").on(t.email)],
);
