"use server";

import { AuthError, type CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { signInFailure, type SignInRateLimited } from "@/lib/auth/credentials";
import type { FormState } from "@/components/auth/auth-form";
import { resetPassword } from "@/lib/auth/passwords";
import { registerUser } from "@/lib/auth/registration";

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

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  try {
    await signInWithPassword(formData, callbackUrl(formData));
    return {};
  } catch (error) {
    // Success ends in a redirect, thrown as a control-flow error that Next must receive.
    if (!(error instanceof AuthError)) throw error;
    const { code, retryAfterSeconds } = error as Partial<CredentialsSignin & SignInRateLimited>;
    return { errors: { form: signInFailure(code, retryAfterSeconds) }, values: typedValues(formData) };
  }
}

export async function registerAction(_state: FormState, formData: FormData): Promise<FormState> {
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

/** A reset link's form: the new password is set, and the user signs in with it. */
export async function resetPasswordAction(_state: FormState, formData: FormData): Promise<FormState> {
  const result = await resetPassword({ token: formData.get("token"), password: formData.get("password") });
  if (!result.ok) return { errors: result.errors };
  try {
    await signIn("credentials", { email: result.email, password: formData.get("password"), redirectTo: "/" });
  } catch (error) {
    // Set, but not signed in (a disabled account, or too many attempts): they sign in themselves.
    if (!(error instanceof AuthError)) throw error;
  }
  return { notice: "Your password is set. Sign in with it." };
}
