/** The segments module's public surface: RFM segments of the shop's customers. */
export { createSegmentService, refreshSegments } from "./service.js";
export { rfmRefreshJob, refreshAllSegments } from "./jobs/rfm-refresh.js";
export { inSegment } from "./queries.js";
