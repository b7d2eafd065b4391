/**
 * Files attached to templates: uploaded once, kept under the data directory like received
 * media (`<dataDir>/media/templates/<tenant id>/<uuid>.<ext>`), and named in a template's
 * `media.url` by that path relative to the data directory, which every transport reads
 * (Baileys and the Cloud API upload the file from there; the sandbox only records it).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaType } from '../../channels/transport.js';
import { KabarError, invalid } from '../../lib/errors.js';
import { MEDIA_LIMITS, type TemplateMedia } from './message.js';

/** File extension of each MIME type WhatsApp accepts as image, video or audio. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'audio/ogg': 'ogg',
};
const MIME_OF_EXTENSION: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]));

/**
 * The media type a file is sent as, from its MIME type: the image, video and audio types
 * WhatsApp accepts (`MEDIA_LIMITS`) keep their kind; anything else goes as a document.
 */
export function mediaTypeOf(mimeType: string): MediaType {
  const mime = mimeType.toLowerCase();
  for (const type of ['image', 'video', 'audio'] as const) {
    if (MEDIA_LIMITS[type].mimeTypes?.includes(mime)) return type;
  }
  return 'document';
}

/** A stored template file as `GET /templates/media/:id` serves it. */
export interface StoredMedia {
  path: string;
  /** The MIME type for image, video and audio files; null for documents (served as a download). */
  mimeType: string | null;
}

/** An uploaded file as its template will carry it, plus its size in bytes. */
export type UploadedMedia = TemplateMedia & { size: number };

function tenantDir(dataDir: string, folder: string, tenantId: string): string {
  return join(dataDir, 'media', folder, tenantId);
}

/** A document's extension from its name (letters and digits, ≤ 8), else `bin`. */
function documentExtension(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  return m ? m[1]!.toLowerCase() : 'bin';
}

/** A file name safe to show and to send as a document's name (no path, no control characters). */
function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-255);
  return clean || 'lampiran';
}

/**
 * Uploaded media on disk, under `<dataDir>/media/<folder>/<tenant id>/`: template media
 * (`templates`, the default) and files agents attach in the inbox (`inbox`) share it.
 * @param dataDir KABAR_DATA_DIR
 * @param folder the folder under `<dataDir>/media` (one path segment)
 */
export function createTemplateMediaStore(dataDir: string, folder = 'templates') {
  return {
    /**
     * Writes an uploaded file for a tenant. The media type follows the MIME type
     * (`mediaTypeOf`); the size limit is WhatsApp's for that type (`MEDIA_LIMITS`: image
     * 5 MB, video and audio 16 MB, document 100 MB).
     * @param truncated tells, after the stream ended, whether the upload limit cut it short
     * @throws KabarError 413 `file_too_large` (field `file`), 400 `empty_file`
     */
    async save(tenantId: string, file: Readable, info: { filename: string; mimeType: string; truncated: () => boolean }): Promise<UploadedMedia> {
      const mimeType = info.mimeType.toLowerCase();
      const type = mediaTypeOf(mimeType);
      const limit = MEDIA_LIMITS[type].maxBytes;
      const id = randomUUID();
      const ext = type === 'document' ? documentExtension(info.filename) : EXTENSIONS[mimeType]!;
      const dir = tenantDir(dataDir, folder, tenantId);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${id}.${ext}`);
      let size = 0;
      let tooLarge = false;
      file.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) tooLarge = true;
      });
      try {
        await pipeline(file, createWriteStream(path));
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
      if (tooLarge || info.truncated()) {
        await rm(path, { force: true });
        const mb = Math.round(limit / (1024 * 1024));
        throw new KabarError(
          'file_too_large',
          413,
          { id: `Berkas terlalu besar: WhatsApp menerima ${type} sampai ${mb} MB`, en: `The file is too large: WhatsApp accepts ${type} files up to ${mb} MB` },
          { file: `at most ${mb} MB` },
        );
      }
      if (size === 0) {
        await rm(path, { force: true });
        throw invalid('empty_file', 'The file is empty', 'Berkasnya kosong', { file: 'empty' });
      }
      const filename = cleanFilename(info.filename);
      return {
        type,
        url: `media/${folder}/${tenantId}/${id}.${ext}`,
        ...(/^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? { mimeType } : {}),
        ...(type === 'document' ? { filename } : {}),
        size,
      };
    },
    /**
     * A tenant's stored file by its id (the uuid in its `url`).
     * @throws KabarError 404 `media_not_found`, also for another tenant's file
     */
    async open(tenantId: string, id: string): Promise<StoredMedia> {
      const names = await readdir(tenantDir(dataDir, folder, tenantId)).catch(() => [] as string[]);
      const name = names.find((n) => n.startsWith(`${id}.`));
      if (!name) throw new KabarError('media_not_found', 404, { id: 'Berkas media tidak ditemukan', en: 'Media file not found' });
      const ext = name.slice(id.length + 1);
      return { path: join(tenantDir(dataDir, folder, tenantId), name), mimeType: MIME_OF_EXTENSION[ext] ?? null };
    },
  };
}

export type TemplateMediaStore = ReturnType<typeof createTemplateMediaStore>;
