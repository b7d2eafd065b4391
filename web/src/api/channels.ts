import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useRealtimeEvent } from "../realtime/RealtimeProvider";
import { api } from "./client";
import { keys } from "./keys";
import type {
  Channel,
  ChannelHealth,
  ChannelHealthSummary,
  CreateWaTemplateInput,
  PacingPreset,
  Schemas,
  WaTemplate,
} from "./types";

/** One channel (the list's row when cached, else GET /channels/:id). */
export function useChannel(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...keys.channels, id],
    queryFn: () => api<Channel>("GET", `/channels/${id}`),
    initialData: () => qc.getQueryData<Channel[]>(keys.channels)?.find((c) => c.id === id),
  });
}

/** The built-in pacing policies with what each is for (GET /channels/pacing-presets). */
export function usePacingPresets() {
  return useQuery({
    queryKey: keys.pacingPresets,
    queryFn: () => api<PacingPreset[]>("GET", "/channels/pacing-presets"),
    staleTime: Infinity,
  });
}

/** Sent messages against the caps, lease and last error (refreshed with every status change). */
export function useChannelHealth(id: string) {
  return useQuery({
    queryKey: keys.channelHealth(id),
    queryFn: () => api<ChannelHealth>("GET", `/channels/${id}/health`),
  });
}

/**
 * Every number's health score and its reach today, in one request (refreshed with every
 * `channel.status` and `channel.restrictions` event, and when the window gets focus again).
 */
export function useChannelsHealth() {
  return useQuery({
    queryKey: keys.channelsHealth,
    queryFn: () => api<ChannelHealthSummary[]>("GET", "/channels/health"),
    refetchOnWindowFocus: "always",
  });
}

/** The WhatsApp templates last synced for a Cloud API channel. */
export function useWaTemplates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.waTemplates(id),
    queryFn: () => api<WaTemplate[]>("GET", `/channels/${id}/wa-templates`),
    enabled,
  });
}

/**
 * A Cloud API channel's APPROVED templates (the only ones a message may send), with the
 * query's state for errors and empty states.
 */
export function useApprovedWaTemplates(id: string, enabled: boolean) {
  const templates = useWaTemplates(id, enabled);
  const approved = (templates.data ?? []).filter((x) => x.status.toUpperCase() === "APPROVED");
  return { templates, approved };
}

/** POST /channels body. */
export type NewChannel = Schemas["CreateChannelInput"];

/** PATCH /channels/:id body: a new name, a preset, or a custom policy. */
type ChannelChange = Schemas["UpdateChannelInput"];

function storeChannel(qc: QueryClient, channel: Channel): void {
  qc.setQueryData([...keys.channels, channel.id], channel);
  void qc.invalidateQueries({ queryKey: keys.channels });
}

/** Adds a channel; the server starts connecting it at once (a QR follows by `channel.qr`). */
export function useCreateChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewChannel) => api<Channel>("POST", "/channels", input),
    onSuccess: (c) => storeChannel(qc, c),
  });
}

/** Renames a channel or changes its pacing (a preset, or a custom policy). */
export function useUpdateChannel(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChannelChange) => api<Channel>("PATCH", `/channels/${id}`, patch),
    onSuccess: (c) => storeChannel(qc, c),
  });
}

export type ChannelAction = "connect" | "disconnect" | "logout";

/** Connect, disconnect or log out (unlink the device) a channel. */
export function useChannelAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: ChannelAction) => api<Channel>("POST", `/channels/${id}/${action}`),
    onSuccess: (c) => storeChannel(qc, c),
  });
}

/** The sandbox's virtual phone scans the QR the channel shows. `scanned` is false when none was shown. */
export function useSimulateScan(id: string) {
  return useMutation({ mutationFn: () => api<{ scanned: boolean }>("POST", `/sandbox/channels/${id}/scan`) });
}

/** What links a channel right now: the QR to scan or the code to type, and until when (epoch ms). */
type ChannelLink =
  | { kind: "qr"; value: string; expiresAt: number }
  | { kind: "code"; value: string; expiresAt: number };

/** Asks WhatsApp for a pairing code for a WhatsApp Web channel, for the number typed. */
export function usePairingCode(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (phone: string) =>
      api<{ code: string }>("POST", `/channels/${id}/pairing-code`, {
        phone,
      } satisfies Schemas["RequestPairingCodeInput"]),
    onSuccess: ({ code }) => {
      // The event usually comes too and carries the expiry; until then, WhatsApp's ~1 minute.
      const known = qc.getQueryData<ChannelLink>(keys.channelLink(id));
      if (known?.kind !== "code" || known.value !== code)
        qc.setQueryData<ChannelLink>(keys.channelLink(id), {
          kind: "code",
          value: code,
          expiresAt: Date.now() + 60_000,
        });
    },
  });
}

/**
 * The live QR or pairing code of a channel: what it shows when the page opens (GET
 * /channels/:id/link), then as each `channel.qr` / `channel.pairing-code` event leaves it.
 */
export function useChannelLink(id: string, enabled = true): ChannelLink | undefined {
  const link = useQuery({
    queryKey: keys.channelLink(id),
    queryFn: async () => (await api<ChannelLink | null>("GET", `/channels/${id}/link`)) ?? undefined,
    enabled,
    staleTime: Infinity,
    gcTime: Infinity,
  }).data;
  return link ?? undefined;
}

/**
 * Keeps the QRs and pairing codes that `channel.qr` and `channel.pairing-code` events push
 * for every channel of the shop, and forgets a channel's once it leaves the `qr` status
 * (linked, or the codes ran out). Mount it above any page that shows them, so a QR sent
 * while a channel is being added is not missed.
 */
export function useChannelLinkEvents(): void {
  const qc = useQueryClient();
  useRealtimeEvent(
    "channel.qr",
    useCallback(
      ({ channelId, qr, expiresAt }) =>
        qc.setQueryData<ChannelLink>(keys.channelLink(channelId), { kind: "qr", value: qr, expiresAt }),
      [qc],
    ),
  );
  useRealtimeEvent(
    "channel.status",
    useCallback(
      ({ channelId, status }) =>
        status !== "qr" && void qc.resetQueries({ queryKey: keys.channelLink(channelId) }),
      [qc],
    ),
  );
  useRealtimeEvent(
    "channel.pairing-code",
    useCallback(
      ({ channelId, code, expiresAt }) =>
        qc.setQueryData<ChannelLink>(keys.channelLink(channelId), { kind: "code", value: code, expiresAt }),
      [qc],
    ),
  );
}

/** Copies the channel's WhatsApp templates from Meta. */
export function useSyncWaTemplates(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ synced: number; removed: number }>("POST", `/channels/${id}/wa-templates/sync`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.waTemplates(id) }),
  });
}

/** Submits a WhatsApp template to Meta for review; the list shows it as PENDING. */
export function useCreateWaTemplate(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWaTemplateInput) =>
      api<WaTemplate>("POST", `/channels/${id}/wa-templates`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.waTemplates(id) }),
  });
}
