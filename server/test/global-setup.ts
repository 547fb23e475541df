// globalSetup of the int-postgres project: builds the migrated template database once per run.
import { prepareTemplate } from "./db.ts";

export default async function setup(): Promise<void> {
  await prepareTemplate();
}
