import { pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, pk } from "../../db/columns.ts";

/** A named perimeter (a département, an EPCI, a region…) built from official geography codes. */
export const territories = pgTable("territories", {
  id: pk(),
  name: text("name").notNull().unique(),
  created_at: createdAt(),
});

export const territory_perimeters = pgTable(
  "territory_perimeters",
  {
    territory_id: uuid("territory_id")
      .notNull()
      .references(() => territories.id, { onDelete: "cascade" }),
    /** region | departement | epci | commune */
    kind: text("kind").notNull(),
    code: text("code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.territory_id, t.kind, t.code] })],
);
