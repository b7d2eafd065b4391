import { Outlet } from "react-router";
import { useChannelLinkEvents } from "../../api/channels";

/** The frame of the channel pages: keeps the QRs and pairing codes pushed while any of them is open. */
export function ChannelsLayout() {
  useChannelLinkEvents();
  return <Outlet />;
}
