import { join } from "node:path";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { startEmbeddedPostgres } from "./embedded.js";

/** Where the database is, and how to stop it when Kabar started it. */
interface DatabaseLocation {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under KABAR_DATA_DIR/pg. */
export async function locateDatabase(config: Config, log: Logger): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  const pg = await startEmbeddedPostgres(join(config.KABAR_DATA_DIR, "pg"), config.KABAR_PG_PORT, log);
  return { url: pg.url, embedded: true, stop: pg.stop };
}
