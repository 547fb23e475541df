-- Directory full-text search: French stemming with accents ignored ("mobilité" = "mobilite").
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'spie_french') THEN
    CREATE TEXT SEARCH CONFIGURATION spie_french (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION spie_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
