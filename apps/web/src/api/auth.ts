import { type BodyInputOf, contract, type Me } from '@kizuna/shared';
import { apiCall, isApiError } from './client';

const auth = contract.auth;

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiCall(auth.me, { signal });
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) return null;
    throw error;
  }
}

export const register = (body: BodyInputOf<typeof auth.register>) => apiCall(auth.register, { body });
export const verifyEmail = (token: string) => apiCall(auth.verifyEmail, { body: { token } });
export const resendVerification = (email: string) => apiCall(auth.resendVerification, { body: { email } });
export const login = (body: BodyInputOf<typeof auth.login>) => apiCall(auth.login, { body });
export const logout = () => apiCall(auth.logout);
export const updateMe = (body: BodyInputOf<typeof auth.updateMe>) => apiCall(auth.updateMe, { body });
export const changePassword = (body: BodyInputOf<typeof auth.changePassword>) => apiCall(auth.changePassword, { body });
export const requestPasswordReset = (email: string) => apiCall(auth.requestPasswordReset, { body: { email } });
export const confirmPasswordReset = (body: BodyInputOf<typeof auth.confirmPasswordReset>) =>
  apiCall(auth.confirmPasswordReset, { body });
