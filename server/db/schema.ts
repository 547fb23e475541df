// Every table of the platform, gathered for Drizzle and drizzle-kit. Tables live beside their feature.
export * from "../features/auth/auth.tables.ts";
export * from "../features/territories/territories.tables.ts";
export * from "../features/structures/structures.tables.ts";
export * from "../features/people/people.tables.ts";
export * from "../features/access-log/access-log.tables.ts";
export * from "../jobs/jobs.tables.ts";
export * from "../features/directory/directory.tables.ts";
export * from "../features/directory/import/imports.tables.ts";
export * from "../features/diagnostic/diagnostic.tables.ts";
export * from "../features/orientation/orientation.tables.ts";
export * from "../features/contracts/contracts.tables.ts";
export * from "../features/action-plan/action-plan.tables.ts";
export * from "../features/notes/notes.tables.ts";
export * from "../features/pathway/notifications.tables.ts";
export * from "../features/messaging/messaging.tables.ts";
export * from "../features/invitations/invitations.tables.ts";
export * from "../features/proconnect/proconnect.tables.ts";
