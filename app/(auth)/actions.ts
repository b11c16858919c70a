"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { ApiError } from "@/lib/http/errors";
import { limitSignIn } from "@/lib/http/rate-limit";
import { registerUser, type FieldErrors } from "@/lib/auth/registration";

/** What the form shows after a failed attempt: the errors, and what was typed (never the password). */
export type AuthFormState = { errors?: FieldErrors; values?: { name?: string; email?: string } };

function typedValues(formData: FormData) {
  return { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? "") };
}

/** Auth.js's redirect callback keeps this on our origin, so a crafted callbackUrl cannot leave the site. */
function callbackUrl(formData: FormData) {
  const value = formData.get("callbackUrl");
  return typeof value === "string" && value ? value : "/";
}

async function signInWithPassword(formData: FormData, redirectTo: string) {
  await signIn("credentials", {
    email: formData.get("email"),
    password: formData.get("password"),
    redirectTo,
  });
}

/** The client's address as the nearest proxy reports it (the first X-Forwarded-For hop). */
async function clientAddress() {
  const forwarded = (await headers()).get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || (await headers()).get("x-real-ip") || "unknown";
}

export async function signInAction(_state: AuthFormState, formData: FormData): Promise<AuthFormState> {
  try {
    await limitSignIn(await clientAddress(), String(formData.get("email") ?? ""));
  } catch (error) {
    if (!ApiError.isInstance(error)) throw error;
    return { errors: { form: error.message }, values: typedValues(formData) };
  }
  try {
    await signInWithPassword(formData, callbackUrl(formData));
    return {};
  } catch (error) {
    // Success ends in a redirect, thrown as a control-flow error that Next must receive.
    if (!(error instanceof AuthError)) throw error;
    return { errors: { form: "Invalid email or password." }, values: typedValues(formData) };
  }
}

export async function registerAction(_state: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const result = await registerUser({
    name: formData.get("name") || undefined,
    email: formData.get("email"),
    password: formData.get("password"),
  });
  if (!result.ok) return { errors: result.errors, values: typedValues(formData) };
  await signInWithPassword(formData, "/");
  return {};
}

export async function githubSignInAction(formData: FormData) {
  await signIn("github", { redirectTo: callbackUrl(formData) });
}
