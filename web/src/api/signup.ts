/** Public sign-up of a new shop (SaaS mode only, issue 14): `GET /signup` and `POST /signup`. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas, User } from "./types";

/** `GET /signup`: whether sign-up is open, and the trial a new shop gets (days, messages). */
type SignUpInfo = Schemas["SignUpInfo"];

/** `POST /signup` body; `phone` in E.164 (`+62…`; the server also normalises 0812…). */
export type SignUpInput = Schemas["SignUpInput"];

/** Whether sign-up is open (single mode: never). A failed answer counts as closed. */
export function useSignUpInfo() {
  return useQuery({
    queryKey: keys.signUp,
    queryFn: () => api<SignUpInfo>("GET", "/signup"),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/**
 * Creates the shop and its owner and signs the owner in (session cookie), like sign-in.
 * @throws ApiError 400 with `fields`, 409 `email_taken`, 429 (too many sign-ups), 404 in single mode
 */
export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SignUpInput) => api<{ user: User }>("POST", "/signup", input),
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(keys.me, user);
    },
  });
}
