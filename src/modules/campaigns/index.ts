/** The campaigns module's public surface for other modules. */
export { campaignsOfContact, type ContactCampaignRow } from "./queries.js";
