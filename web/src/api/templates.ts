import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Preview, Schemas, Template, TemplateMedia } from "./types";

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: () => api<Template[]>("GET", "/templates") });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: keys.template(id ?? ""),
    queryFn: () => api<Template>("GET", `/templates/${id}`),
    enabled: id !== null,
  });
}

/** POST /templates and PUT /templates/:id body. */
type TemplateInput = Schemas["SaveTemplateInput"];

/** Creates a template (`id` null) or replaces one. Field problems come back in `ApiError.fields`. */
export function useSaveTemplate(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) =>
      id ? api<Template>("PUT", `/templates/${id}`, input) : api<Template>("POST", "/templates", input),
    onSuccess: (t) => {
      qc.setQueryData(keys.template(t.id), t);
      void qc.invalidateQueries({ queryKey: keys.templates, exact: true });
    },
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/templates/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.templates }),
  });
}

/** An uploaded file as a template's media (`type` and `id`), with its size in bytes. */
type UploadedMedia = Schemas["UploadedMedia"];

/**
 * Uploads a file for a template (multipart field "file"); the server decides the media
 * type from its MIME type and checks WhatsApp's size limit.
 * @throws ApiError with `fields.file` for a refused file
 */
function uploadTemplateMedia(file: File): Promise<UploadedMedia> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api<UploadedMedia>("POST", "/templates/media", form);
}

export function useUploadTemplateMedia() {
  return useMutation({ mutationFn: uploadTemplateMedia });
}

/** Where the browser can load a message's media: an uploaded file through the API, an https link as is. */
export function mediaSrc(media: TemplateMedia): string | null {
  if (media.id) return `/api/v1/media/${encodeURIComponent(media.id)}`;
  if (media.url && /^https:\/\//i.test(media.url)) return media.url;
  return null;
}

/** What the preview renders: the body, for a contact (null: the sample contact), with a spintax seed. */
type PreviewInput = Required<Pick<Schemas["PreviewTemplateInput"], "body" | "seed">> & {
  contactId: string | null;
};

/** The message as the server renders it for a contact (or a sample contact). */
export function useTemplatePreview(input: PreviewInput) {
  return useQuery({
    queryKey: keys.templatePreview(input),
    queryFn: () =>
      api<Preview>("POST", "/templates/preview", {
        body: input.body,
        seed: input.seed,
        ...(input.contactId ? { contactId: input.contactId } : {}),
      } satisfies Schemas["PreviewTemplateInput"]),
    enabled: input.body.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}
