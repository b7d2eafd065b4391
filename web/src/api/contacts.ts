import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type {
  Contact,
  ContactHistory,
  ContactImport,
  ImportPreview,
  PreviewRows,
  ReadPreviewRowsInput,
  LabelCount,
  Page,
  ColumnMapping,
  Schemas,
} from "./types";

export const CONTACTS_PAGE_SIZE = 25;

/**
 * The filters of the contact list and export (GET /contacts, GET /contacts/export); an
 * empty string means "not filtered".
 */
export interface ContactFilters {
  search: string;
  label: string;
  optedOut: "" | "true" | "false";
  attribute: string;
  attributeValue: string;
  /** An RFM segment key (see api/segments.ts). */
  segment: string;
}

export const NO_FILTERS: ContactFilters = {
  search: "",
  label: "",
  optedOut: "",
  attribute: "",
  attributeValue: "",
  segment: "",
};

/** The query string of `filters`, leaving out the empty ones (and the value without an attribute). */
function filterParams(filters: Partial<ContactFilters>): URLSearchParams {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (!value || (key === "attributeValue" && !filters.attribute)) continue;
    qs.set(key, value);
  }
  return qs;
}

/** A page of contacts matching `filters` (or a search text), counted by the server. */
export function useContacts(filters: Partial<ContactFilters> | string, page: number) {
  const f = typeof filters === "string" ? { search: filters } : filters;
  const qs = filterParams(f);
  qs.set("page", String(page));
  qs.set("pageSize", String(CONTACTS_PAGE_SIZE));
  return useQuery({
    queryKey: keys.contacts(f, page),
    queryFn: () => api<Page<Contact>>("GET", `/contacts?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/** The download address of the contacts matching `filters` (owners only). */
export function exportUrl(filters: Partial<ContactFilters>, format: "csv" | "xlsx"): string {
  const qs = filterParams(filters);
  qs.set("format", format);
  return `/api/v1/contacts/export?${qs}`;
}

/** The download address of an import's rejected rows (line, reason, row) as CSV. */
export function rejectedRowsUrl(importId: string): string {
  return `/api/v1/contacts/imports/${importId}/errors?format=csv`;
}

export function useContact(id: string) {
  return useQuery({ queryKey: keys.contact(id), queryFn: () => api<Contact>("GET", `/contacts/${id}`) });
}

/** The contact's conversations, latest messages and campaigns. */
export function useContactHistory(id: string) {
  return useQuery({
    queryKey: keys.contactHistory(id),
    queryFn: () => api<ContactHistory>("GET", `/contacts/${id}/history`),
  });
}

/** Every label with how many contacts carry it. */
export function useLabels() {
  return useQuery({ queryKey: keys.labels, queryFn: () => api<LabelCount[]>("GET", "/contacts/labels") });
}

/**
 * Every attribute key in use with how many contacts have it. Asked again each time a page
 * using it opens (the cached keys show meanwhile): contacts imported elsewhere (the CLI,
 * another tab or user) send no socket event, so a cached answer may lack their keys, and
 * the template editor would offer no chip for them.
 */
export function useAttributeKeys() {
  return useQuery({
    queryKey: keys.contactAttributes,
    queryFn: () => api<Array<{ key: string; count: number }>>("GET", "/contacts/attributes"),
    refetchOnMount: "always",
  });
}

/** Refreshes everything that shows contacts after a change. */
function useRefreshContacts() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keys.contactsAll }),
      qc.invalidateQueries({ queryKey: keys.labels }),
    ]);
}

/** PATCH /contacts/:id body; omitted fields stay as they are. */
type ContactInput = Schemas["UpdateContactInput"];

export function useUpdateContact(id: string) {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (input: ContactInput) => api<Contact>("PATCH", `/contacts/${id}`, input),
    onSuccess: refresh,
  });
}

export function useDeleteContact() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/contacts/${id}`),
    onSuccess: refresh,
  });
}

export function useBulkDelete() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (contactIds: string[]) =>
      api<{ deleted: number }>("POST", "/contacts/bulk-delete", {
        contactIds,
      } satisfies Schemas["BulkDeleteContactsInput"]),
    onSuccess: refresh,
  });
}

export function useBulkLabel() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (input: Schemas["BulkLabelContactsInput"]) =>
      api<{ updated: number }>("POST", "/contacts/bulk-label", input),
    onSuccess: refresh,
  });
}

/** POST /contacts/imports/preview: the file's format, header, first rows and suggested mapping. Imports nothing. */
export function previewImport(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append("file", file);
  return api<ImportPreview>("POST", "/contacts/imports/preview", form);
}

/**
 * The import wizard's preview rows read by the server as the import will read them under
 * `input.mapping` (none: the automatic detection); no request while `input` is null.
 * Keeps showing the last answer while a new mapping is being read.
 */
export function usePreviewRows(input: ReadPreviewRowsInput | null) {
  return useQuery({
    queryKey: ["contacts", "import-preview-rows", input],
    queryFn: () => api<PreviewRows>("POST", "/contacts/imports/preview/rows", input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * What the wizard sends with the file: an explicit mapping (or none: detected), labels for
 * every contact, and the outlet new contacts are homed in (none: the server's default).
 */
interface ImportRequest {
  file: File;
  mapping?: ColumnMapping;
  labels: string[];
  homeOutletId?: string | null;
}

/** Imports a file (POST /contacts/imports); resolves with the counts once every row is read. */
export function useImportContacts() {
  const qc = useQueryClient();
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: ({ file, mapping, labels, homeOutletId }: ImportRequest) => {
      const qs = new URLSearchParams();
      if (mapping) qs.set("mapping", JSON.stringify(mapping));
      if (labels.length > 0) qs.set("labels", labels.join(","));
      if (homeOutletId) qs.set("homeOutletId", homeOutletId);
      const form = new FormData();
      form.append("file", file);
      return api<ContactImport>("POST", `/contacts/imports${qs.size ? `?${qs}` : ""}`, form);
    },
    onSuccess: () => Promise.all([refresh(), qc.invalidateQueries({ queryKey: keys.imports })]),
  });
}
