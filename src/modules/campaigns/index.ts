/**
 * The campaigns module's public surface: the campaign service, its estimate and report, the
 * channel manager's sender factory (one Dispatcher per live channel), and the DTOs the CLI
 * and the socket events share.
 */
export { createCampaignService, type CampaignService } from "./service.js";
export { createCampaignEstimator } from "./estimate.js";
export { createCampaignReporter } from "./report.js";
export { campaignSenders } from "./senders.js";
export { campaignStartJob, enqueueCampaignStart } from "./jobs/campaign-start.js";
export { suspectDropsJob } from "./jobs/suspect-drops.js";
export type { DispatcherOptions } from "./dispatcher.js";
export { createCampaignBody, type CampaignCounts, type CampaignDto } from "./schemas.js";
export { campaignErrors } from "./errors.js";
export { checkWaTemplate, renderWaTemplate } from "./wa-template.js";
export { campaignsOfContact, latestCampaignsOfContact } from "./queries/contacts.js";
