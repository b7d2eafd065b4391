import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { PhoneMessage, SandboxPhone, Schemas } from "./types";

export function useSandboxPhones() {
  return useQuery({
    queryKey: keys.sandboxPhones,
    queryFn: () => api<SandboxPhone[]>("GET", "/sandbox/phones"),
  });
}

const phonePath = (phone: string) => `/sandbox/phones/${encodeURIComponent(phone)}/messages`;

/** What a virtual phone received and sent (refreshed by `sandbox.message` events). */
export function usePhoneMessages(phone: string) {
  return useQuery({
    queryKey: keys.phoneMessages(phone),
    queryFn: () => api<PhoneMessage[]>("GET", phonePath(phone)),
  });
}

/** The virtual phone writes to one of the shop's sandbox numbers. */
export function useSendFromPhone(phone: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas["SendFromPhoneInput"]) =>
      api<{ messageId: string }>("POST", phonePath(phone), input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.phoneMessages(phone) }),
  });
}
