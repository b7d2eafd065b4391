import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** Who would get a reminder today, with each rendered message (GET /reminders/preview). */
export type ReminderPreview = Schemas["ReminderPreview"];
/** The shop's reminder settings. */
export type ReminderSettings = Schemas["ReminderSettings"];
/** A change of the settings (PUT /reminders/settings). */
export type ReminderSettingsChange = Schemas["ReminderSettingsChangeInput"];

const reminderKeys = {
  preview: ["reminders", "preview"] as const,
  settings: ["reminders", "settings"] as const,
};

/** Today's dry-run (nothing is sent). */
export function useReminderPreview() {
  return useQuery({
    queryKey: reminderKeys.preview,
    queryFn: () => api<ReminderPreview>("GET", "/reminders/preview"),
  });
}

/** The shop's reminder settings. */
export function useReminderSettings() {
  return useQuery({
    queryKey: reminderKeys.settings,
    queryFn: () => api<ReminderSettings>("GET", "/reminders/settings"),
  });
}

/** Saves settings (owners); the preview is read again, since the message or suggestions may change. */
export function useSaveReminderSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: ReminderSettingsChange) =>
      api<ReminderSettings>("PUT", "/reminders/settings", change),
    onSuccess: (data) => {
      qc.setQueryData(reminderKeys.settings, data);
      void qc.invalidateQueries({ queryKey: reminderKeys.preview });
    },
  });
}
