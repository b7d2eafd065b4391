import type { RfmSegment } from "../../api/segments";

/** One colour per segment, the same on the segments page and a contact's badge. */
export const SEGMENT_COLOR: Record<RfmSegment, string> = {
  champions: "teal",
  loyal: "green",
  big_spender: "violet",
  promising: "cyan",
  new: "blue",
  need_attention: "yellow",
  at_risk: "orange",
  inactive: "gray",
};
