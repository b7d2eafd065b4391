-- Issue 10: the channel kind names what the user connects (WhatsApp Web), not the library
-- Kabar connects it with (Baileys). Existing channels keep their rows; only the value changes.
UPDATE "channels" SET "kind" = 'whatsapp_web' WHERE "kind" = 'baileys';
