import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Db } from './db/client.js';
import type { Bus } from './lib/bus.js';
import { enqueueCampaignStart } from './jobs/boss.js';
import type { ChannelManager } from './channels/manager.js';
import type { SandboxNetwork } from './channels/sandbox/network.js';
import type { SandboxStore } from './channels/sandbox/store.js';
import { createAuthService } from './modules/auth/service.js';
import { createCampaignService } from './modules/campaigns/service.js';
import { createChannelService } from './modules/channels/service.js';
import { createImportService } from './modules/contacts/imports.js';
import { createContactService } from './modules/contacts/service.js';
import { createHealthService } from './modules/health/service.js';
import type { InboxService } from './modules/inbox/service.js';
import { createSandboxService } from './modules/sandbox/service.js';
import { createTemplateService } from './modules/templates/service.js';
import { createTenantService } from './modules/tenants/service.js';

export interface ServiceDeps {
  db: Db;
  pool: pg.Pool;
  bus: Bus;
  boss: PgBoss;
  sandbox: SandboxNetwork;
  sandboxStore: SandboxStore;
  /** Null in a process that holds no live channels (the CLI). */
  manager: ChannelManager | null;
  inbox: InboxService;
  /** KABAR_SECRET_KEY (32 bytes): seals channel credentials; null where unknown (CLI). */
  secretKey: Buffer | null;
  /** fetch for Graph API calls made outside a live transport (tests: loopback only). */
  graphFetch?: typeof fetch;
  sessionTtlHours: number;
}

/** Every domain service, wired once; HTTP routes and the CLI call these. */
export function createServices(d: ServiceDeps) {
  const contacts = createContactService(d.db);
  return {
    auth: createAuthService(d.db, d.sessionTtlHours),
    tenants: createTenantService(d.db),
    contacts,
    imports: createImportService(d.db),
    templates: createTemplateService(d.db, contacts),
    campaigns: createCampaignService({ db: d.db, pool: d.pool, bus: d.bus, scheduleStart: (raw, id, at) => enqueueCampaignStart(d.boss, raw, id, at) }),
    channels: createChannelService(d.db, d.manager, d.secretKey, d.graphFetch),
    health: createHealthService(d.db),
    inbox: d.inbox,
    sandbox: createSandboxService(d.db, d.sandbox, d.sandboxStore),
  };
}

export type Services = ReturnType<typeof createServices>;
