import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isApiError } from './client';
import { queryKeys } from './query-keys';

/**
 * The app's query client. A 401 "unauthenticated" from any call means the session is gone (expired, or revoked
 * by a password change elsewhere): forget the user, and the route guard sends them to log in.
 */
export function createQueryClient(): QueryClient {
  const sessionEnded = (error: unknown) => {
    if (isApiError(error, 'unauthenticated')) client.setQueryData(queryKeys.me, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: sessionEnded }),
    mutationCache: new MutationCache({ onError: sessionEnded }),
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network trouble and 5xx may.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
