import { existsSync } from "node:fs";
import pino from "pino";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { startKabar } from "./kabar.js";

/** `npm start`: Kabar on http://HOST:PORT with everything it needs. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = pino({
    level: config.LOG_LEVEL,
    redact: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.token"],
  });
  const kabar = await startKabar(config, { log });
  if (kabar.seeded) {
    const lines = [
      'Kabar: first start — demo shop "Toko Contoh" created.',
      `  Sign in:  ${kabar.seeded.email}`,
      kabar.seeded.password
        ? `  Password: ${kabar.seeded.password}   (shown only this once; set KABAR_OWNER_PASSWORD to choose it)`
        : "  Password: the KABAR_OWNER_PASSWORD you set",
      '  A sandbox WhatsApp number with 50 virtual customers is connected (fast "demo" pacing).',
    ];
    console.log(`\n${lines.join("\n")}\n`);
  }
  if (kabar.platformAdmin) {
    const lines = [
      "Kabar (SaaS mode): first start — platform admin created. Console: /platform",
      `  Sign in:  ${kabar.platformAdmin.email}`,
      kabar.platformAdmin.password
        ? `  Password: ${kabar.platformAdmin.password}   (shown only this once; set KABAR_PLATFORM_ADMIN_PASSWORD to choose it)`
        : "  Password: the KABAR_PLATFORM_ADMIN_PASSWORD you set",
    ];
    console.log(`\n${lines.join("\n")}\n`);
  }
  console.log(`Kabar is running on http://${config.HOST}:${config.PORT}  (API docs: /docs)`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    kabar.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
