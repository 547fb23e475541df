-- team_members carries copies of its person's name sort keys (people.last_name_key, first_name_key),
-- as it carries the due dates since 0023, so that a page of "my people" in name order — the default —
-- is one index range of the caller's seats (membership, last name, first names, person) at any
-- offset, instead of a walk of every person in name order probing a team row for each (a list of
-- 300,000 files among 1,000,000: ~2,700 people and ~8,000 buffers for page 40). The two triggers of
-- 0023 now keep the four copies: a seat takes its person's values when written, and a person's new
-- values go to their active seats (an ended seat is never listed and keeps what it had).
ALTER TABLE "team_members" ADD COLUMN "last_name_key" text;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "first_name_key" text;--> statement-breakpoint
UPDATE team_members tm SET last_name_key = p.last_name_key, first_name_key = p.first_name_key
  FROM people p WHERE p.id = tm.person_id;--> statement-breakpoint
CREATE INDEX "team_members_membership_name_idx" ON "team_members" USING btree ("membership_id","last_name_key","first_name_key","person_id") WHERE left_at is null;--> statement-breakpoint
CREATE OR REPLACE FUNCTION spie_team_member_due_dates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.legal_due_on, p.contact_due_on, p.last_name_key, p.first_name_key
    INTO NEW.legal_due_on, NEW.contact_due_on, NEW.last_name_key, NEW.first_name_key
    FROM people p WHERE p.id = NEW.person_id;
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER team_members_due_dates ON team_members;--> statement-breakpoint
CREATE TRIGGER team_members_due_dates BEFORE INSERT OR UPDATE OF person_id, legal_due_on, contact_due_on, last_name_key, first_name_key ON team_members
  FOR EACH ROW EXECUTE FUNCTION spie_team_member_due_dates();--> statement-breakpoint
CREATE OR REPLACE FUNCTION spie_people_due_dates_to_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE team_members SET legal_due_on = NEW.legal_due_on, contact_due_on = NEW.contact_due_on,
      last_name_key = NEW.last_name_key, first_name_key = NEW.first_name_key
    WHERE person_id = NEW.id AND left_at IS NULL
      AND (legal_due_on IS DISTINCT FROM NEW.legal_due_on OR contact_due_on IS DISTINCT FROM NEW.contact_due_on
        OR last_name_key IS DISTINCT FROM NEW.last_name_key OR first_name_key IS DISTINCT FROM NEW.first_name_key);
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER people_due_dates_to_team ON people;--> statement-breakpoint
CREATE TRIGGER people_due_dates_to_team AFTER UPDATE OF legal_due_on, contact_due_on, last_name_key, first_name_key ON people
  FOR EACH ROW WHEN (OLD.legal_due_on IS DISTINCT FROM NEW.legal_due_on OR OLD.contact_due_on IS DISTINCT FROM NEW.contact_due_on
    OR OLD.last_name_key IS DISTINCT FROM NEW.last_name_key OR OLD.first_name_key IS DISTINCT FROM NEW.first_name_key)
  EXECUTE FUNCTION spie_people_due_dates_to_team();--> statement-breakpoint
ANALYZE team_members;
