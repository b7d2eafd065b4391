import { describe, expect, it } from 'vitest';
import { MAX_CAPTION_CHARS, MAX_TEXT_CHARS, templateMediaSchema, validateMessage } from './message.js';

describe('templateMediaSchema', () => {
  it('accepts documented types and paths under the data directory', () => {
    expect(templateMediaSchema.safeParse({ type: 'image', url: 'https://cdn.toko.id/a.jpg', mimeType: 'image/jpeg' }).success).toBe(true);
    expect(templateMediaSchema.safeParse({ type: 'document', url: 'media/t1/katalog.pdf', filename: 'Katalog.pdf' }).success).toBe(true);
    expect(templateMediaSchema.safeParse({ type: 'document', url: 'media/a.zip', mimeType: 'application/zip' }).success).toBe(true);
  });

  it('rejects MIME types WhatsApp does not accept for the type, and unsafe paths', () => {
    expect(templateMediaSchema.safeParse({ type: 'image', url: 'https://x.id/a.gif', mimeType: 'image/gif' }).success).toBe(false);
    expect(templateMediaSchema.safeParse({ type: 'video', url: 'https://x.id/a.mov', mimeType: 'video/quicktime' }).success).toBe(false);
    expect(templateMediaSchema.safeParse({ type: 'image', url: '../secret.png' }).success).toBe(false);
    expect(templateMediaSchema.safeParse({ type: 'image', url: '/etc/passwd' }).success).toBe(false);
    expect(templateMediaSchema.safeParse({ type: 'sticker', url: 'https://x.id/a.webp' }).success).toBe(false);
  });
});

describe('validateMessage', () => {
  it('accepts text, and media with a caption', () => {
    expect(validateMessage({ body: 'Halo {{name|kak}}' })).toEqual([]);
    expect(validateMessage({ media: { type: 'image', url: 'https://x.id/a.png', mimeType: 'image/png' } })).toEqual([]);
  });

  it('requires text or media', () => {
    expect(validateMessage({ body: '  ' })).toEqual([{ field: 'body', message: 'A message needs text or media' }]);
  });

  it('reports template errors with their position', () => {
    expect(validateMessage({ body: 'Halo {{name' })).toEqual([
      { field: 'body', message: '"{{" is not closed with "}}" (at character 6)' },
    ]);
  });

  it('limits text to 4096 and captions to 1024 characters, counting emoji as one', () => {
    expect(validateMessage({ body: '🙏'.repeat(MAX_TEXT_CHARS) })).toEqual([]);
    expect(validateMessage({ body: 'a'.repeat(MAX_TEXT_CHARS + 1) })[0]?.field).toBe('body');
    const media = { type: 'video', url: 'https://x.id/a.mp4' };
    expect(validateMessage({ body: 'a'.repeat(MAX_CAPTION_CHARS), media })).toEqual([]);
    expect(validateMessage({ body: 'a'.repeat(MAX_CAPTION_CHARS + 1), media })).toEqual([
      { field: 'body', message: 'Caption is 1025 characters; WhatsApp allows 1024' },
    ]);
  });

  it('reports media problems by field', () => {
    const errors = validateMessage({ body: 'Lihat', media: { type: 'audio', url: '', mimeType: 'audio/wav' } });
    expect(errors.map((e) => e.field).sort()).toEqual(['media.mimeType', 'media.url']);
  });
});
