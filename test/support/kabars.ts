import { apiClient, type Api } from "./api.js";
import { startTestKabar, type TestKabar } from "./kabar.js";

/**
 * Kabars that come and go on one database (`url()`), each started with `env`: a test starts
 * them, stops one gracefully (the database is kept), and `stopAll` stops what is left.
 */
export function kabarsOnOneDatabase(url: () => string, env: Record<string, string>) {
  const running: TestKabar[] = [];
  return {
    /** Starts one more Kabar on the database, with the owner's API client. */
    async start(): Promise<{ k: TestKabar; api: Api }> {
      const k = await startTestKabar(env, {}, url());
      running.push(k);
      return { k, api: apiClient(k.http!, { cookie: k.cookie }) };
    },
    /** Stops a Kabar gracefully, keeping the database. */
    async stop(k: TestKabar): Promise<void> {
      running.splice(running.indexOf(k), 1);
      await k.stop();
    },
    async stopAll(): Promise<void> {
      for (const k of running.reverse()) await k.stop().catch(() => undefined);
    },
  };
}
