import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Contact, LabelCount, Page } from './types';

export const CONTACTS_PAGE_SIZE = 25;

/** A page of contacts matching `search` (name or phone), counted by the server. */
export function useContacts(search: string, page: number) {
  const qs = new URLSearchParams({ page: String(page), pageSize: String(CONTACTS_PAGE_SIZE), ...(search ? { search } : {}) });
  return useQuery({ queryKey: keys.contacts(search, page), queryFn: () => api<Page<Contact>>('GET', `/contacts?${qs}`), placeholderData: keepPreviousData });
}

/** Every label with how many contacts carry it. */
export function useLabels() {
  return useQuery({ queryKey: keys.labels, queryFn: () => api<LabelCount[]>('GET', '/contacts/labels') });
}
