/** The auth module's public surface: sessions, sign-in, and password hashing. */
export {
  createAuthService,
  hashPassword,
  sessionKey,
  verifyPassword,
  type AuthService,
  type SessionUser,
} from "./service.js";
export { authErrors } from "./errors.js";
export { createSignInThrottle } from "./throttle.js";
export { userSchema as sessionUserSchema } from "./schemas.js";
