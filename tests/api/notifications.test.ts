import { contract } from '@kizuna/shared';
import { describe, expect, inject, it } from 'vitest';
import { ApiClient, expectProblem } from '../support/client.js';
import { db, makeUser, signedIn } from '../support/factory.js';
import { mailTo, waitForMail } from '../support/mail.js';
import { addJob } from '../support/queues.js';
import { openStream } from '../support/stream.js';
import { until } from '../support/wait.js';

const n = contract.notifications;

async function grant(admin: ApiClient, userId: string, roles: string[]) {
  const res = await admin.call(contract.admin.setRoles, {
    params: { id: userId },
    body: { roles: roles.map((role) => ({ role, programmeId: null })) },
  });
  expect(res.status).toBe(200);
}

async function announce(admin: ApiClient, audience: string[], title = `News ${Date.now()}`) {
  const res = await admin.call(contract.announcements.create, {
    body: { title, body: 'The 2027 joint call on climate resilience opens on 1 February.', audience },
  });
  expect(res.status).toBe(201);
  const { jobRunId } = res.json as { jobRunId: string };
  const run = await until(
    () => admin.call(contract.jobs.getRun, { params: { id: jobRunId } }),
    (r) => ['SUCCEEDED', 'FAILED'].includes((r.json as { status: string }).status),
    30000,
  );
  expect(run.json).toMatchObject({ status: 'SUCCEEDED', progress: 100 });
  return { title, jobRunId, run: run.json as { result: { recipients: number } } };
}

describe('in-app notifications', () => {
  it('a role change notifies the user in the app and by email (account emails are always sent)', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const user = await makeUser({ roles: ['RESEARCHER'] });
    // The user turned everything optional off: account mails still come.
    await db().notificationPreference.createMany({
      data: ['CALLS', 'ANNOUNCEMENTS'].map((category) => ({
        userId: user.id,
        category: category as 'CALLS',
        mode: 'OFF' as const,
      })),
    });
    await grant(admin, user.id, ['RESEARCHER', 'REVIEWER']);

    const client = new ApiClient();
    await client.call(contract.auth.login, { body: { email: user.email, password: user.password } });
    const list = await client.call(n.list);
    expect(list.json).toMatchObject({
      unread: 1,
      items: [{ type: 'account.roles_changed', category: 'ACCOUNT', readAt: null, link: '/' }],
    });
    const [mail] = await waitForMail(user.email, (m) => m.subject.includes('roles'));
    expect(mail!.text).toContain('Reviewer');
    expect(mail!.text).not.toContain('Unsubscribe');
  });

  it('marks one and all read; another user cannot touch them', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const { client, user } = await signedIn(['RESEARCHER']);
    await grant(admin, user.id, ['RESEARCHER', 'REVIEWER']);
    await grant(admin, user.id, ['RESEARCHER']);
    const { items } = (await client.call(n.list)).json as { items: { id: string }[] };
    expect(items).toHaveLength(2);

    const { client: other } = await signedIn(['RESEARCHER']);
    expectProblem(await other.call(n.markRead, { params: { id: items[0]!.id } }), 404, 'not_found');

    expect((await client.call(n.markRead, { params: { id: items[0]!.id } })).json).toEqual({ unread: 1 });
    expect((await client.call(n.list, { query: { unread: 'true' } })).json).toMatchObject({ total: 1, unread: 1 });
    expect((await client.call(n.markAllRead)).json).toEqual({ unread: 0 });
    expect((await client.call(n.unreadCount)).json).toEqual({ unread: 0 });
  });

  it('streams the unread count live over Server-Sent Events', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const { client, user } = await signedIn(['RESEARCHER']);
    const stream = await openStream(client);
    expect(stream.contentType).toContain('text/event-stream');
    const nextUnread = () => stream.next<{ unread: number }>('unread');
    expect(await nextUnread()).toEqual({ unread: 0 });
    await grant(admin, user.id, ['RESEARCHER', 'REVIEWER']);
    expect(await nextUnread()).toEqual({ unread: 1 });
    stream.close();
  });
});

describe('email preferences, digests and unsubscribe', () => {
  it('keeps account emails locked on and refuses to change them', async () => {
    const { client } = await signedIn(['RESEARCHER']);
    const prefs = await client.call(n.preferences);
    expect(
      (prefs.json as { preferences: { category: string; mode: string; locked: boolean }[] }).preferences,
    ).toContainEqual({
      category: 'ACCOUNT',
      mode: 'IMMEDIATE',
      locked: true,
    });
    const bad = await client.call(n.updatePreferences, {
      body: { preferences: [{ category: 'ACCOUNT', mode: 'OFF' }] },
    });
    expectProblem(bad, 400, 'validation_failed');
  });

  it('sends an announcement at once, in a daily digest, or not at all, as each user chose', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const immediate = await signedIn(['REVIEWER']);
    const digest = await signedIn(['REVIEWER']);
    const off = await signedIn(['REVIEWER']);
    const researcher = await makeUser({ roles: ['RESEARCHER'] });
    await digest.client.call(n.updatePreferences, {
      body: { preferences: [{ category: 'ANNOUNCEMENTS', mode: 'DIGEST' }] },
    });
    await off.client.call(n.updatePreferences, { body: { preferences: [{ category: 'ANNOUNCEMENTS', mode: 'OFF' }] } });

    const { title, run } = await announce(admin, ['REVIEWER']);
    expect(run.result.recipients).toBeGreaterThanOrEqual(3);

    const [mail] = await waitForMail(immediate.user.email, (m) => m.subject.includes(title));
    expect(mail!.text).toContain('Unsubscribe from these emails');
    for (const u of [digest, off]) {
      const items = (await u.client.call(n.list)).json as { items: { type: string; data: { title: string } }[] };
      expect(items.items[0]).toMatchObject({ type: 'announcement.published', data: { title } });
    }
    expect((await db().notification.count({ where: { userId: researcher.id } })).valueOf()).toBe(0);

    // The digest goes out at 08:00 in the user's time zone: put the user there, then run the hourly tick.
    let offset = 8 - new Date().getUTCHours();
    if (offset < -12) offset += 24;
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    await db().user.update({ where: { id: digest.user.id }, data: { timeZone: zone } });
    await addJob('reminders', 'digest.tick', {});
    const [digestMail] = await waitForMail(digest.user.email, (m) => m.subject.includes('digest'));
    expect(digestMail!.text).toContain(title);
    await new Promise((r) => setTimeout(r, 800));
    expect(await mailTo(off.user.email)).toHaveLength(0);
    expect((await mailTo(digest.user.email)).length).toBe(1);
    await until(
      () => db().notification.count({ where: { userId: digest.user.id, emailState: 'DIGESTED' } }),
      (count) => count === 1,
    );
  });

  it('unsubscribes in one click (RFC 8058) from the link in the email, and refuses a forged link', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const reviewer = await signedIn(['REVIEWER']);
    const { title } = await announce(admin, ['REVIEWER']);
    const [mail] = await waitForMail(reviewer.user.email, (m) => m.subject.includes(title));
    const link = mail!.text.match(/https?:\/\/\S+\/unsubscribe\?token=(\S+)/);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]!);

    const forged = await new ApiClient().raw(
      'POST',
      `/notifications/unsubscribe?token=${encodeURIComponent(`${reviewer.user.id}.CALLS.forged-signature`)}`,
    );
    expectProblem(forged, 410, 'token_invalid');

    // What a mail client sends for List-Unsubscribe-Post: a form body, no session.
    const res = await new ApiClient().raw('POST', `/notifications/unsubscribe?token=${encodeURIComponent(token)}`, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ categories: ['ANNOUNCEMENTS'] });
    const prefs = (await reviewer.client.call(n.preferences)).json as {
      preferences: { category: string; mode: string }[];
    };
    expect(prefs.preferences.find((p) => p.category === 'ANNOUNCEMENTS')?.mode).toBe('OFF');
  });
});

describe('announcements and long jobs', () => {
  it('reaches only the addressed roles, once each, and only the creator (or an admin) sees the job run', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const manager = await makeUser({ roles: ['PROGRAMME_MANAGER'] });
    const researcher = await makeUser({ roles: ['RESEARCHER'] });
    const { jobRunId, title } = await announce(admin, ['PROGRAMME_MANAGER']);
    await waitForMail(manager.email, (m) => m.subject.includes(title));
    expect(await db().notification.count({ where: { userId: researcher.id, type: 'announcement.published' } })).toBe(0);

    const { client: other } = await signedIn(['RESEARCHER']);
    expectProblem(await other.call(contract.jobs.getRun, { params: { id: jobRunId } }), 404, 'not_found');
    const { client: otherAdmin } = await signedIn(['ADMIN']);
    expect((await otherAdmin.call(contract.jobs.getRun, { params: { id: jobRunId } })).status).toBe(200);
  });

  it('refuses an invalid announcement and changes nothing', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const before = await db().announcement.count();
    const res = await admin.call(contract.announcements.create, { body: { title: '', body: 'x', audience: ['KING'] } });
    expect(
      expectProblem(res, 400, 'validation_failed')
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['body.audience.0', 'body.title']);
    expect(await db().announcement.count()).toBe(before);
  });
});

describe('operations', () => {
  it('keeps a poison job in the failed list after one attempt, without blocking the queue; admins see and retry it', async () => {
    const job = await addJob('notifications', 'notification.email', { notificationId: 'not-a-uuid' });
    const { client: admin } = await signedIn(['ADMIN']);
    const failed = await until(
      () => admin.call(contract.jobs.failed, { query: { pageSize: '100' } }),
      (r) => (r.json as { items: { id: string }[] }).items.some((j) => j.id === job.id),
    );
    const entry = (failed.json as { items: { id: string; attemptsMade: number; failedReason: string }[] }).items.find(
      (j) => j.id === job.id,
    );
    expect(entry).toMatchObject({ attemptsMade: 1, failedReason: expect.stringContaining('Invalid payload') });

    // The queue goes on: a real notification behind it is delivered.
    const user = await makeUser();
    await grant(admin, user.id, ['REVIEWER']);
    await waitForMail(user.email);

    const retried = await admin.call(contract.jobs.retry, { params: { queue: 'notifications', id: job.id! } });
    expect(retried.json).toEqual({ status: 'retried' });
    expect(await db().auditEvent.count({ where: { action: 'job.retried', entityId: `notifications/${job.id}` } })).toBe(
      1,
    );
    expectProblem(await admin.call(contract.jobs.retry, { params: { queue: 'nope', id: '1' } }), 404, 'not_found');
  });

  it('shows queue depth to admins only', async () => {
    const { client: admin } = await signedIn(['ADMIN']);
    const res = await admin.call(contract.jobs.queues);
    expect((res.json as { queue: string }[]).map((q) => q.queue).sort()).toEqual([
      'email',
      'long',
      'notifications',
      'reminders',
    ]);
  });

  it('exposes Prometheus metrics with queue depth and job latency to loopback scrapers', async () => {
    const res = await fetch(`${inject('apiUrl')}/api/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/kizuna_queue_jobs\{queue="email",state="completed"\} \d+/);
    expect(text).toContain('kizuna_job_latency_seconds_bucket{queue="notifications",le="+Inf"}');
    expect(text).toContain('kizuna_outbox_pending');
  });

  it('serves the queue dashboard to admins only', async () => {
    const url = `${inject('apiUrl')}/api/admin/queues`;
    expect((await fetch(url)).status).toBe(401);
    const { client: researcher } = await signedIn(['RESEARCHER']);
    expect((await fetch(url, { headers: { cookie: researcher.cookie! } })).status).toBe(403);
    const { client: admin } = await signedIn(['ADMIN']);
    const ok = await fetch(url, { headers: { cookie: admin.cookie! } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Kizuna queues');
  });
});
