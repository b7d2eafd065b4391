import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import type { Conversation, ConversationDetail, InboxMessage } from "../../api/inbox";
import { keys } from "../../api/keys";
import { Thread } from "./Thread";

/**
 * Renders the thread of conversation `c` for a component test, its data already loaded:
 * `messages` (oldest first), the contact from the conversation, no notes, no quick replies;
 * inside a router (the header links to a new order).
 */
export function showThread(c: Conversation, messages: InboxMessage[]) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  const detail: ConversationDetail = {
    conversation: c,
    contact: { id: c.contactId, name: c.name, phone: c.phone, attributes: {}, labels: [], optedOut: false },
    notes: [],
    campaigns: [],
  };
  qc.setQueryData(keys.conversation(c.id), detail);
  qc.setQueryData(keys.thread(c.id), messages);
  qc.setQueryData(keys.quickReplies, []);
  qc.setQueryData(keys.waTemplates(c.channelId), []);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <MemoryRouter>
          <Thread id={c.id} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}
