/** The audit module's public surface: writing entries (any module's service), reading them, the retention sweep. */
export { createAuditService, recordAudit, type AuditService } from "./service.js";
export { changesBetween } from "./redact.js";
export { auditRetentionJob, sweepAuditLog } from "./jobs/retention.js";
