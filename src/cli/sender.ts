import type pg from "pg";
import { WAKE_CHANNEL } from "../channels/control.js";

/**
 * Whether a Kabar process that sends campaigns is connected: its channel manager keeps
 * one connection that ran `LISTEN kabar_dispatch` and then sits idle, which
 * pg_stat_activity shows (to the same database role). A heuristic for hints only.
 * @returns null when it cannot tell (another role's sessions are hidden, or the query failed)
 */
export async function senderListening(pool: pg.Pool): Promise<boolean | null> {
  try {
    const r = await pool.query<{ listening: number; hidden: number }>(
      `SELECT count(*) FILTER (WHERE query = $1)::int AS listening,
              count(*) FILTER (WHERE query = '<insufficient privilege>')::int AS hidden
       FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()`,
      [`LISTEN ${WAKE_CHANNEL}`],
    );
    const row = r.rows[0];
    if (!row) return null;
    if (row.listening > 0) return true;
    return row.hidden > 0 ? null : false;
  } catch {
    return null;
  }
}

/** The hint printed after starting or resuming a campaign when no sender is listening. */
export const NO_SENDER_HINT =
  "no Kabar server is running on this database: the campaign is sent once `npm start` runs";
