import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors } from './app-error.js';

describe('field errors from zod', () => {
  it('names the field with where it came from and keeps the limits for translation', () => {
    const schema = z.object({ password: z.string().min(12), profile: z.object({ email: z.email() }) });
    const result = schema.safeParse({ password: 'short', profile: { email: 'nope' } });
    expect(result.success).toBe(false);
    const errors = fieldErrors('body', result.error!);
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'body.password',
        code: 'too_small',
        params: expect.objectContaining({ minimum: 12 }),
      }),
      expect.objectContaining({ path: 'body.profile.email', code: 'invalid_format' }),
    ]);
  });
});
