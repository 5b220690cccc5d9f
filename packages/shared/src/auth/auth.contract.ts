import { z } from 'zod';
import { defineOperation, RoleSchema } from '../contract/operation.js';

export const LOCALES = ['en', 'ja'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** NIST SP 800-63B: length over composition rules. */
export const PasswordSchema = z.string().min(12).max(256);

export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Unknown IANA time zone' },
  );

export const TokenSchema = z.string().min(20).max(200);

export const RegisterBodySchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: z.string().trim().min(1).max(120),
  locale: LocaleSchema.default('en'),
  timeZone: TimeZoneSchema.default('UTC'),
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

export const LoginBodySchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const EmailOnlyBodySchema = z.object({ email: EmailSchema });
export const TokenBodySchema = z.object({ token: TokenSchema });
export const ResetPasswordBodySchema = z.object({ token: TokenSchema, password: PasswordSchema });
export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});
export const UpdateProfileBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    locale: LocaleSchema,
    timeZone: TimeZoneSchema,
  })
  .partial();

export const RoleGrantSchema = z.object({
  role: RoleSchema,
  /** Set for roles held within one programme (e.g. a programme manager). */
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable().optional(),
});
export type RoleGrant = z.infer<typeof RoleGrantSchema>;

export const MeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: LocaleSchema,
  timeZone: z.string(),
  emailVerified: z.boolean(),
  roles: z.array(RoleGrantSchema),
});
export type Me = z.infer<typeof MeSchema>;

export const AcceptedSchema = z.object({ status: z.literal('accepted') });

export const authContract = {
  register: defineOperation({
    id: 'auth.register',
    method: 'POST',
    path: '/auth/register',
    tag: 'auth',
    summary:
      'Create an account and email a verification link. Answers 202 whether or not the address is already registered, so accounts cannot be discovered.',
    auth: 'public',
    body: RegisterBodySchema,
    response: AcceptedSchema,
    status: 202,
  }),
  verifyEmail: defineOperation({
    id: 'auth.verifyEmail',
    method: 'POST',
    path: '/auth/verify-email',
    tag: 'auth',
    summary: 'Confirm an email address with the single-use token from the verification email.',
    auth: 'public',
    body: TokenBodySchema,
    response: MeSchema,
  }),
  resendVerification: defineOperation({
    id: 'auth.resendVerification',
    method: 'POST',
    path: '/auth/verify-email/resend',
    tag: 'auth',
    summary: 'Send a new verification email if the address belongs to an unverified account.',
    auth: 'public',
    body: EmailOnlyBodySchema,
    response: AcceptedSchema,
    status: 202,
  }),
  login: defineOperation({
    id: 'auth.login',
    method: 'POST',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password; sets the session cookie. Rate limited per account and per address.',
    auth: 'public',
    body: LoginBodySchema,
    response: MeSchema,
  }),
  logout: defineOperation({
    id: 'auth.logout',
    method: 'POST',
    path: '/auth/logout',
    tag: 'auth',
    summary: 'Revoke the current session.',
    auth: 'session',
  }),
  me: defineOperation({
    id: 'auth.me',
    method: 'GET',
    path: '/auth/me',
    tag: 'auth',
    summary: 'The signed-in user with their roles.',
    auth: 'session',
    response: MeSchema,
  }),
  updateMe: defineOperation({
    id: 'auth.updateMe',
    method: 'PATCH',
    path: '/auth/me',
    tag: 'auth',
    summary: "Change the signed-in user's name, language or time zone.",
    auth: 'session',
    body: UpdateProfileBodySchema,
    response: MeSchema,
  }),
  changePassword: defineOperation({
    id: 'auth.changePassword',
    method: 'POST',
    path: '/auth/password',
    tag: 'auth',
    summary: 'Change the password; every other session of the user is revoked.',
    auth: 'session',
    body: ChangePasswordBodySchema,
  }),
  requestPasswordReset: defineOperation({
    id: 'auth.requestPasswordReset',
    method: 'POST',
    path: '/auth/password-reset/request',
    tag: 'auth',
    summary: 'Email a single-use password reset link. Answers 202 whether or not the address is registered.',
    auth: 'public',
    body: EmailOnlyBodySchema,
    response: AcceptedSchema,
    status: 202,
  }),
  confirmPasswordReset: defineOperation({
    id: 'auth.confirmPasswordReset',
    method: 'POST',
    path: '/auth/password-reset/confirm',
    tag: 'auth',
    summary: 'Set a new password with a reset token; every session of the user is revoked.',
    auth: 'public',
    body: ResetPasswordBodySchema,
  }),
} as const;
