// Every table of the platform, gathered for Drizzle and drizzle-kit. Tables live beside their feature.
export * from "../features/auth/auth.tables.ts";
export * from "../features/territories/territories.tables.ts";
export * from "../features/structures/structures.tables.ts";
export * from "../features/people/people.tables.ts";
export * from "../features/access-log/access-log.tables.ts";
