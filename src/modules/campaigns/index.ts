/** The campaigns module's public surface for other modules. */
export { campaignsOfContact, latestCampaignsOfContact, type ContactCampaignRow } from "./queries/contacts.js";
