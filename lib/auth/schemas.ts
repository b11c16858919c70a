import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 8;

const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254, "Enter a valid email address."));

export const credentialsSchema = z.object({
  email,
  // Bounded so a multi-megabyte "password" cannot tie up the hasher.
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "That password is too long.");

export const registrationSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .refine((name) => !/\p{Cc}/u.test(name) && name.isWellFormed(), "Use letters, not control characters.")
    .optional(),
  email,
  password: newPassword,
});

export const passwordChangeSchema = z.object({
  // Absent for an account that has none yet (one that signs in with GitHub).
  current: z.string().max(1024, "That password is too long.").optional(),
  password: newPassword,
});

export const passwordResetSchema = z.object({
  token: z.string({ error: "This link is not valid." }).regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid."),
  password: newPassword,
});

export const createKeySchema = z.object({ name: z.string().trim().min(1, "must not be empty").max(100) }).strict();

export type Credentials = z.infer<typeof credentialsSchema>;
export type Registration = z.infer<typeof registrationSchema>;

/** The first problem zod found with each field, by field name. */
export function firstErrors<F extends string>(
  issues: { path: PropertyKey[]; message: string }[],
  rename: (field: string) => F = (f) => f as F,
) {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of issues) errors[rename(String(issue.path[0]))] ??= issue.message;
  return errors;
}
