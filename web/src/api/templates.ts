import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Preview, Template, TemplateMedia } from './types';

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: () => api<Template[]>('GET', '/templates') });
}

export function useTemplate(id: string | null) {
  return useQuery({ queryKey: keys.template(id ?? ''), queryFn: () => api<Template>('GET', `/templates/${id}`), enabled: id !== null });
}

export interface TemplateInput {
  name: string;
  body: string;
  media: TemplateMedia | null;
}

/** Creates a template (`id` null) or replaces one. Field problems come back in `ApiError.fields`. */
export function useSaveTemplate(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) => (id ? api<Template>('PUT', `/templates/${id}`, input) : api<Template>('POST', '/templates', input)),
    onSuccess: (t) => {
      qc.setQueryData(keys.template(t.id), t);
      void qc.invalidateQueries({ queryKey: keys.templates, exact: true });
    },
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/templates/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.templates }),
  });
}

/** An uploaded file as a template's media, with its size in bytes. */
export type UploadedMedia = TemplateMedia & { size: number };

/**
 * Uploads a file for a template (multipart field "file"); the server decides the media
 * type from its MIME type and checks WhatsApp's size limit.
 * @throws ApiError with `fields.file` for a refused file
 */
export function uploadTemplateMedia(file: File): Promise<UploadedMedia> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<UploadedMedia>('POST', '/templates/media', form);
}

export function useUploadTemplateMedia() {
  return useMutation({ mutationFn: uploadTemplateMedia });
}

/** Where the browser can load a template's media: an http(s) URL as is, an uploaded file through the API. */
export function mediaSrc(media: TemplateMedia): string | null {
  if (/^https?:\/\//i.test(media.url)) return media.url;
  const m = /^media\/templates\/[^/]+\/([0-9a-f-]{36})\.[A-Za-z0-9]+$/.exec(media.url);
  return m ? `/api/v1/templates/media/${m[1]}` : null;
}

export interface PreviewInput {
  body: string;
  contactId: string | null;
  seed: string;
}

/** The message as the server renders it for a contact (or a sample contact). */
export function useTemplatePreview(input: PreviewInput) {
  return useQuery({
    queryKey: keys.templatePreview(input),
    queryFn: () => api<Preview>('POST', '/templates/preview', { body: input.body, seed: input.seed, ...(input.contactId ? { contactId: input.contactId } : {}) }),
    enabled: input.body.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}
