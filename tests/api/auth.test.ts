import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, makeUser, PASSWORD, uniqueEmail } from '../support/factory.js';
import { linkIn, mailTo, waitForMail } from '../support/mail.js';

const a = contract.auth;

async function register(client: ApiClient, email: string, extra: Record<string, unknown> = {}) {
  return client.call(a.register, { body: { email, password: PASSWORD, displayName: 'Siti Rahman', ...extra } });
}

describe('sign up and email verification', () => {
  it('registers, emails a single-use verification link through the worker, and only then allows login', async () => {
    const client = new ApiClient();
    const email = uniqueEmail('signup');
    const res = await register(client, `  ${email.toUpperCase()} `);
    expect(res.status).toBe(202);

    const early = await client.call(a.login, { body: { email, password: PASSWORD } });
    expectProblem(early, 403, 'email_not_verified');

    const [mail] = await waitForMail(email, (m) => m.subject.includes('Confirm your email'));
    const token = linkIn(mail!, '/verify-email').searchParams.get('token')!;
    const verified = await client.call(a.verifyEmail, { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.json).toMatchObject({
      email,
      emailVerified: true,
      roles: [{ role: 'RESEARCHER', programmeId: null }],
    });

    const again = await client.call(a.verifyEmail, { body: { token } });
    expectProblem(again, 410, 'token_invalid');

    const login = await client.call(a.login, { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/kizuna_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.call(a.me);
    expect(me.json).toMatchObject({ email, displayName: 'Siti Rahman' });

    const audit = await db().auditEvent.findMany({ where: { entityId: (me.json as { id: string }).id } });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['user.registered', 'user.email_verified']));
  });

  it('sends the verification email in Japanese to a Japanese-speaking user', async () => {
    const email = uniqueEmail('ja');
    expect((await register(new ApiClient(), email, { locale: 'ja', displayName: '山田 花子' })).status).toBe(202);
    const [mail] = await waitForMail(email);
    expect(mail!.subject).toContain('メールアドレスの確認');
    expect(mail!.text).toContain('山田 花子 様');
    expect(mail!.html).toContain('lang="ja"');
  });

  it('answers the same for an address that already has an account, and tells its owner instead', async () => {
    const user = await makeUser();
    const res = await register(new ApiClient(), user.email);
    expect(res.status).toBe(202);
    const [mail] = await waitForMail(user.email);
    expect(mail!.subject).toContain('tried to sign up');
    expect(await db().user.count({ where: { email: user.email } })).toBe(1);
  });

  it('refuses invalid sign-up input with field-level problems and creates nothing', async () => {
    const email = uniqueEmail('bad');
    const res = await new ApiClient().call(a.register, {
      body: { email: 'not-an-email', password: 'short', displayName: '', timeZone: 'Mars/Olympus' },
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(
      ['body.displayName', 'body.email', 'body.password', 'body.timeZone'].sort(),
    );
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it('resends a verification link only to unverified accounts', async () => {
    const unverified = await makeUser({ verified: false });
    const verified = await makeUser();
    const client = new ApiClient();
    expect((await client.call(a.resendVerification, { body: { email: unverified.email } })).status).toBe(202);
    expect((await client.call(a.resendVerification, { body: { email: verified.email } })).status).toBe(202);
    expect((await client.call(a.resendVerification, { body: { email: uniqueEmail('nobody') } })).status).toBe(202);
    await waitForMail(unverified.email);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailTo(verified.email)).toHaveLength(0);
  });
});

describe('login, sessions and logout', () => {
  it('rejects a wrong password with 401 and the same answer for an unknown account', async () => {
    const user = await makeUser();
    const wrong = await new ApiClient().call(a.login, { body: { email: user.email, password: 'wrong password!' } });
    const unknown = await new ApiClient().call(a.login, {
      body: { email: uniqueEmail(), password: 'wrong password!' },
    });
    expectProblem(wrong, 401, 'invalid_credentials');
    expectProblem(unknown, 401, 'invalid_credentials');
    expect((wrong.json as { title: string }).title).toBe((unknown.json as { title: string }).title);
  });

  it('rate-limits failed logins per account with 429 and Retry-After, even with the right password', async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) {
      expectProblem(
        await new ApiClient().call(a.login, { body: { email: user.email, password: `wrong-${i}` } }),
        401,
        'invalid_credentials',
      );
    }
    const blocked = await new ApiClient().call(a.login, { body: { email: user.email, password: PASSWORD } });
    expectProblem(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rate-limits failed logins per client address across accounts', async () => {
    const client = new ApiClient();
    for (let i = 0; i < 50; i++) {
      await client.call(a.login, { body: { email: uniqueEmail('spray'), password: 'wrong password' } });
    }
    const user = await makeUser();
    expectProblem(await client.call(a.login, { body: { email: user.email, password: PASSWORD } }), 429, 'rate_limited');
    expect((await new ApiClient().call(a.login, { body: { email: user.email, password: PASSWORD } })).status).toBe(200);
  });

  it('logout revokes the session on the server, not only the cookie', async () => {
    const user = await makeUser();
    const client = new ApiClient();
    await client.call(a.login, { body: { email: user.email, password: PASSWORD } });
    const stolen = client.cookie;
    expect((await client.call(a.logout)).status).toBe(204);
    const replay = new ApiClient();
    replay.cookie = stolen;
    expectProblem(await replay.call(a.me), 401, 'unauthenticated');
  });

  it('changing the password revokes every other session and keeps the current one', async () => {
    const user = await makeUser();
    const laptop = new ApiClient();
    const phone = new ApiClient();
    await laptop.call(a.login, { body: { email: user.email, password: PASSWORD } });
    await phone.call(a.login, { body: { email: user.email, password: PASSWORD } });
    const wrong = await laptop.call(a.changePassword, {
      body: { currentPassword: 'nope', newPassword: 'a brand new passphrase' },
    });
    expect(expectProblem(wrong, 400, 'validation_failed').errors?.[0]?.path).toBe('body.currentPassword');

    const res = await laptop.call(a.changePassword, {
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(res.status).toBe(204);
    expect((await laptop.call(a.me)).status).toBe(200);
    expectProblem(await phone.call(a.me), 401, 'unauthenticated');
    expectProblem(
      await new ApiClient().call(a.login, { body: { email: user.email, password: PASSWORD } }),
      401,
      'invalid_credentials',
    );
    await waitForMail(user.email, (m) => m.subject.includes('password was changed'));
  });

  it('updates language and time zone, refusing unknown ones', async () => {
    const user = await makeUser();
    const client = new ApiClient();
    await client.call(a.login, { body: { email: user.email, password: PASSWORD } });
    const bad = await client.call(a.updateMe, { body: { timeZone: 'Asia/Nowhere', locale: 'fr' } });
    expect(
      expectProblem(bad, 400, 'validation_failed')
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['body.locale', 'body.timeZone']);
    const ok = await client.call(a.updateMe, { body: { locale: 'ja', timeZone: 'Asia/Bangkok' } });
    expect(ok.json).toMatchObject({ locale: 'ja', timeZone: 'Asia/Bangkok' });
  });
});

describe('password reset', () => {
  it('emails a single-use link that sets a new password and revokes every session', async () => {
    const user = await makeUser();
    const session = new ApiClient();
    await session.call(a.login, { body: { email: user.email, password: PASSWORD } });

    expect((await new ApiClient().call(a.requestPasswordReset, { body: { email: user.email } })).status).toBe(202);
    expect((await new ApiClient().call(a.requestPasswordReset, { body: { email: uniqueEmail() } })).status).toBe(202);
    const [mail] = await waitForMail(user.email, (m) => m.subject.includes('Reset your Kizuna password'));
    const token = linkIn(mail!, '/reset-password').searchParams.get('token')!;

    const weak = await new ApiClient().call(a.confirmPasswordReset, { body: { token, password: 'short' } });
    expectProblem(weak, 400, 'validation_failed');
    const done = await new ApiClient().call(a.confirmPasswordReset, {
      body: { token, password: 'reset to something long' },
    });
    expect(done.status).toBe(204);
    expectProblem(await session.call(a.me), 401, 'unauthenticated');
    const reused = await new ApiClient().call(a.confirmPasswordReset, {
      body: { token, password: 'and again something long' },
    });
    expectProblem(reused, 410, 'token_invalid');
    expect(
      (await new ApiClient().call(a.login, { body: { email: user.email, password: 'reset to something long' } }))
        .status,
    ).toBe(200);
  });

  it('refuses an expired reset token', async () => {
    const user = await makeUser();
    await new ApiClient().call(a.requestPasswordReset, { body: { email: user.email } });
    const [mail] = await waitForMail(user.email);
    const token = linkIn(mail!, '/reset-password').searchParams.get('token')!;
    await db().emailToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectProblem(
      await new ApiClient().call(a.confirmPasswordReset, { body: { token, password: 'a long new password' } }),
      410,
      'token_invalid',
    );
  });
});
