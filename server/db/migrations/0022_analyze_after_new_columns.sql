-- Columns added to a large table have no statistics until the next ANALYZE, and autovacuum does not
-- run one for an ADD COLUMN (no row changed): the planner then guesses 0.5 % for "merged_into is
-- null" and leaves the sort indexes of the people lists (seconds instead of milliseconds at 1 M
-- people, measured by bench:people). The partitioned access log's parent has no statistics of its
-- own either (autovacuum analyzes only its partitions). Both are gathered here, once.
ANALYZE people;--> statement-breakpoint
ANALYZE access_log;
