-- team_members carries copies of its person's stored due dates (people.legal_due_on, contact_due_on)
-- so that the "overdue" and "no contact" counts of a large "my people" list read the caller's seats
-- in one index range (membership, due date) instead of probing a team row for every person. Two
-- triggers keep the copies right for every writer (services, imports, merge, SQL): a seat takes its
-- person's dates when written, and a person's new dates go to their active seats (found through
-- team_members_active_key; an ended seat is never counted and keeps the dates it had).
ALTER TABLE "team_members" ADD COLUMN "legal_due_on" date;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "contact_due_on" date;--> statement-breakpoint
UPDATE team_members tm SET legal_due_on = p.legal_due_on, contact_due_on = p.contact_due_on
  FROM people p WHERE p.id = tm.person_id AND (p.legal_due_on IS NOT NULL OR p.contact_due_on IS NOT NULL);--> statement-breakpoint
CREATE INDEX "team_members_membership_legal_due_idx" ON "team_members" USING btree ("membership_id","legal_due_on","person_id") WHERE left_at is null and legal_due_on is not null;--> statement-breakpoint
CREATE INDEX "team_members_membership_contact_due_idx" ON "team_members" USING btree ("membership_id","contact_due_on","person_id") WHERE left_at is null and contact_due_on is not null;--> statement-breakpoint
CREATE FUNCTION spie_team_member_due_dates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p.legal_due_on, p.contact_due_on INTO NEW.legal_due_on, NEW.contact_due_on FROM people p WHERE p.id = NEW.person_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER team_members_due_dates BEFORE INSERT OR UPDATE OF person_id, legal_due_on, contact_due_on ON team_members
  FOR EACH ROW EXECUTE FUNCTION spie_team_member_due_dates();--> statement-breakpoint
CREATE FUNCTION spie_people_due_dates_to_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE team_members SET legal_due_on = NEW.legal_due_on, contact_due_on = NEW.contact_due_on
    WHERE person_id = NEW.id AND left_at IS NULL
      AND (legal_due_on IS DISTINCT FROM NEW.legal_due_on OR contact_due_on IS DISTINCT FROM NEW.contact_due_on);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER people_due_dates_to_team AFTER UPDATE OF legal_due_on, contact_due_on ON people
  FOR EACH ROW WHEN (OLD.legal_due_on IS DISTINCT FROM NEW.legal_due_on OR OLD.contact_due_on IS DISTINCT FROM NEW.contact_due_on)
  EXECUTE FUNCTION spie_people_due_dates_to_team();
