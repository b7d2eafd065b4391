/**
 * The platform module's public surface (issue 14, SaaS mode; docs/billing.md "Sign-up" and
 * "Platform console"): platform admins and their sessions, the console, sign-up.
 */
export { createPlatformAuth, ensurePlatformAdmin, type PlatformAuth } from "./admins.js";
export { createPlatformConsole } from "./console.js";
export { createSignUp } from "./signup.js";
export { platformErrors } from "./errors.js";
