import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 8;

const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254, "Enter a valid email address."));

export const credentialsSchema = z.object({
  email,
  // Bounded so a multi-megabyte "password" cannot tie up the hasher.
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export const registrationSchema = z.object({
  name: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .refine((name) => !/\p{Cc}/u.test(name) && name.isWellFormed(), "Use letters, not control characters.")
    .optional(),
  email,
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024, "That password is too long."),
});

export type Credentials = z.infer<typeof credentialsSchema>;
export type Registration = z.infer<typeof registrationSchema>;
