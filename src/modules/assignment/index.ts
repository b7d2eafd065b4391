/** The assignment module's public surface: who answers which conversation, and agents' presence. */
export { createAssignmentService } from "./service.js";
export type { Presence } from "./presence.js";
export { assignmentErrors } from "./errors.js";
