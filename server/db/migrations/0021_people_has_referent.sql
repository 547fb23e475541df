-- people.has_referent is derived from team_members (an active référent row), kept by a trigger so
-- that every write of a team (services, imports, SQL) keeps it right; the coordinators' queue
-- "without référent" and the lists' "no référent" filter read it as an indexed predicate.
CREATE FUNCTION spie_people_has_referent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  person uuid;
BEGIN
  FOR person IN
    SELECT DISTINCT x FROM unnest(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.person_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.person_id END]) AS x WHERE x IS NOT NULL
  LOOP
    UPDATE people p SET has_referent = r.has
      FROM (SELECT EXISTS (SELECT 1 FROM team_members tm WHERE tm.person_id = person AND tm.is_referent AND tm.left_at IS NULL) AS has) r
      WHERE p.id = person AND p.has_referent IS DISTINCT FROM r.has;
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER team_members_has_referent AFTER INSERT OR DELETE OR UPDATE OF person_id, is_referent, left_at ON team_members
  FOR EACH ROW EXECUTE FUNCTION spie_people_has_referent();--> statement-breakpoint
UPDATE people p SET has_referent = true
  WHERE EXISTS (SELECT 1 FROM team_members tm WHERE tm.person_id = p.id AND tm.is_referent AND tm.left_at IS NULL);
