-- Name search in people lists: trigram indexes (LIKE '%…%' served by an index). PGlite loads the
-- same extension in process (server/db/client.ts PGLITE_EXTENSIONS).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
