// One place that configures zod for the whole code base (server and web): French messages.
import { z } from "zod";
import { fr } from "zod/locales";

z.config(fr());

export { z };
