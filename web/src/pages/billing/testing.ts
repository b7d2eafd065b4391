/** Test helpers of the billing pages: a SaaS shop's billing as the API answers it. */
import type { BillingSummary, PackageDto } from "../../api/billing";

/** A package on sale; `p` overrides. */
const pkg = (p: Partial<PackageDto> & { code: string }): PackageDto => ({
  id: `pkg-${p.code}`,
  name: p.code[0]?.toUpperCase() + p.code.slice(1),
  priceMonthly: 149_000,
  priceYearly: 1_490_000,
  messageQuota: 1000,
  numbersLimit: 1,
  staffLimit: 3,
  contactsLimit: null,
  modules: [],
  countsAgentReplies: false,
  isTrial: false,
  ...p,
});

export const BASIC = pkg({ code: "basic" });
export const PRO = pkg({
  code: "pro",
  priceMonthly: 299_000,
  priceYearly: 2_990_000,
  numbersLimit: 3,
  staffLimit: 10,
});
export const TRIAL = pkg({
  code: "trial",
  priceMonthly: 0,
  priceYearly: 0,
  messageQuota: 100,
  isTrial: true,
});

/** An active Basic subscription in December 2026; `b` overrides. */
export const billing = (b: Partial<BillingSummary> = {}): BillingSummary => ({
  enabled: true,
  status: "active",
  cycle: "monthly",
  periodStart: "2026-12-01T00:00:00+07:00",
  periodEnd: "2027-01-01T00:00:00+07:00",
  graceUntil: null,
  package: BASIC,
  nextPackage: null,
  messages: { periodUnits: 1000, periodUsed: 400, topupLeft: 250, topupUsed: 0, left: 850 },
  usage: { numbers: 1, staff: 2, contacts: 5321 },
  midtransClientKey: null,
  ...b,
});
