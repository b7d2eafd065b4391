import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/**
 * Creates an empty database for one test file on the shared test server and returns its
 * URL (dropped by `dropTestDatabase`).
 */
export async function createTestDatabase(): Promise<string> {
  const admin = inject("pgAdminUrl");
  const name = `kabar_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createTestDatabase (terminating its connections first). */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

/** A test file's own database and a plain client on it, alive while Kabars come and go. */
export interface TestDatabase {
  url: string;
  client: pg.Client;
  /** Ends the client and drops the database. */
  close(): Promise<void>;
}

/** Creates a database (createTestDatabase) and connects a client to it. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const url = await createTestDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    client,
    close: async () => {
      await client.end();
      await dropTestDatabase(url);
    },
  };
}
