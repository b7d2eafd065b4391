CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" text NOT NULL,
	"mime_type" text,
	"filename" text,
	"size" integer,
	"path" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_tenant_idx" ON "media" USING btree ("tenant_id","created_at");--> statement-breakpoint
-- Media named by path become media rows named by id. A path counts only when it is one of
-- the row's own shop's uploads (media/templates|inbox/<its tenant id>/<uuid>.<ext>) or a
-- file received on the message's own channel (media/<channel id>/…); any other path (another
-- shop's file, a file outside media/) is dropped, since no API may name a path.
INSERT INTO "media" ("id", "tenant_id", "type", "mime_type", "filename", "path", "source")
SELECT DISTINCT ON (r.file_id) r.file_id, r.tenant_id, r.media->>'type', r.media->>'mimeType', r.media->>'filename', r.media->>'url', 'upload'
FROM (
  SELECT s.tenant_id, s.media,
    (regexp_match(s.media->>'url', '^media/(?:templates|inbox)/' || s.tenant_id::text || '/([0-9a-f-]{36})\.[A-Za-z0-9]{1,8}$'))[1]::uuid AS file_id
  FROM (
    SELECT "tenant_id", "media" FROM "templates" WHERE "media" IS NOT NULL
    UNION ALL SELECT "tenant_id", "media" FROM "campaigns" WHERE "media" IS NOT NULL
    UNION ALL SELECT "tenant_id", "media" FROM "messages" WHERE "media" IS NOT NULL AND "direction" = 'out'
  ) s
) r
WHERE r.file_id IS NOT NULL
ORDER BY r.file_id
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
WITH rec AS (
  SELECT msg."id" AS message_id, gen_random_uuid() AS file_id, msg."tenant_id", msg."media"
  FROM "messages" msg
  WHERE msg."direction" = 'in' AND msg."media" IS NOT NULL
    AND starts_with(msg."media"->>'url', 'media/' || msg."channel_id"::text || '/') AND position('..' in msg."media"->>'url') = 0
), ins AS (
  INSERT INTO "media" ("id", "tenant_id", "type", "mime_type", "filename", "path", "source")
  SELECT file_id, "tenant_id", "media"->>'type', "media"->>'mimeType', "media"->>'filename', "media"->>'url', 'received' FROM rec
  RETURNING "id"
)
UPDATE "messages" msg
SET "media" = jsonb_strip_nulls(jsonb_build_object('type', rec."media"->'type', 'id', rec.file_id::text, 'mimeType', rec."media"->'mimeType', 'filename', rec."media"->'filename'))
FROM rec WHERE msg."id" = rec.message_id;
--> statement-breakpoint
CREATE FUNCTION pg_temp.kabar_attachment(tenant uuid, m jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN m IS NULL OR m ? 'id' OR m ? 'waMediaId' THEN m
    WHEN m->>'url' ~* '^https?://' THEN m
    WHEN starts_with(m->>'url', 'wa-media:') THEN jsonb_strip_nulls(jsonb_build_object('type', m->'type', 'waMediaId', substr(m->>'url', 10), 'mimeType', m->'mimeType', 'filename', m->'filename'))
    ELSE (SELECT jsonb_strip_nulls(jsonb_build_object('type', m->'type', 'id', f."id"::text, 'mimeType', m->'mimeType', 'filename', m->'filename'))
          FROM "media" f WHERE f."tenant_id" = tenant AND f."path" = m->>'url' AND f."source" = 'upload')
  END
$$;
--> statement-breakpoint
UPDATE "templates" SET "media" = pg_temp.kabar_attachment("tenant_id", "media") WHERE "media" IS NOT NULL;
--> statement-breakpoint
UPDATE "campaigns" SET "media" = pg_temp.kabar_attachment("tenant_id", "media") WHERE "media" IS NOT NULL;
--> statement-breakpoint
UPDATE "messages" SET "media" = pg_temp.kabar_attachment("tenant_id", "media") WHERE "media" IS NOT NULL;
--> statement-breakpoint
DROP FUNCTION pg_temp.kabar_attachment(uuid, jsonb);
