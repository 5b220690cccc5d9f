import { contract } from '@kizuna/shared';
import { describe, expect, it } from 'vitest';
import { expectProblem } from '../support/client.js';
import { db, makeProgramme, makeUser, signedIn } from '../support/factory.js';

const c = contract.admin;

describe('admin: users and roles', () => {
  it('lists users with search, role filter and pagination', async () => {
    const { client } = await signedIn(['ADMIN']);
    const target = await makeUser({ roles: ['REVIEWER'] });
    const found = await client.call(c.listUsers, { query: { q: target.email.slice(0, 12), role: 'REVIEWER' } });
    expect(found.status).toBe(200);
    expect((found.json as { items: { email: string }[] }).items.map((u) => u.email)).toContain(target.email);
    const page = await client.call(c.listUsers, { query: { page: '1', pageSize: '1' } });
    expect((page.json as { items: unknown[]; total: number }).items).toHaveLength(1);
    expect((page.json as { total: number }).total).toBeGreaterThan(1);
  });

  it('grants a programme-scoped manager role, audits the change with before and after, and the user sees it', async () => {
    const { client, user: admin } = await signedIn(['ADMIN']);
    const programme = await makeProgramme();
    const target = await makeUser({ roles: ['RESEARCHER'] });
    const res = await client.call(c.setRoles, {
      params: { id: target.id },
      body: {
        roles: [
          { role: 'RESEARCHER', programmeId: null },
          { role: 'PROGRAMME_MANAGER', programmeId: programme.id },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect((res.json as { roles: unknown[] }).roles).toEqual([
      { role: 'RESEARCHER', programmeId: null, programmeName: null },
      { role: 'PROGRAMME_MANAGER', programmeId: programme.id, programmeName: programme.name },
    ]);
    const [event] = await db().auditEvent.findMany({ where: { entityId: target.id, action: 'user.roles_changed' } });
    expect(event).toMatchObject({ actorId: admin.id, entityType: 'User' });
    expect(event?.data).toMatchObject({ before: [{ role: 'RESEARCHER', programmeId: null }] });
  });

  it('refuses an unknown programme and changes nothing', async () => {
    const { client } = await signedIn(['ADMIN']);
    const target = await makeUser({ roles: ['RESEARCHER'] });
    const res = await client.call(c.setRoles, {
      params: { id: target.id },
      body: { roles: [{ role: 'PROGRAMME_MANAGER', programmeId: '00000000-0000-7000-8000-000000000001' }] },
    });
    expectProblem(res, 400, 'validation_failed');
    expect((await db().userRole.findMany({ where: { userId: target.id } })).map((r) => r.role)).toEqual(['RESEARCHER']);
  });

  it('refuses duplicate grants and an admin removing their own admin role', async () => {
    const { client, user } = await signedIn(['ADMIN']);
    const dup = await client.call(c.setRoles, {
      params: { id: user.id },
      body: {
        roles: [
          { role: 'ADMIN', programmeId: null },
          { role: 'ADMIN', programmeId: null },
        ],
      },
    });
    expectProblem(dup, 400, 'validation_failed');
    const self = await client.call(c.setRoles, { params: { id: user.id }, body: { roles: [] } });
    expectProblem(self, 409, 'conflict');
  });

  it('answers 404 for an unknown user', async () => {
    const { client } = await signedIn(['ADMIN']);
    const res = await client.call(c.setRoles, {
      params: { id: '00000000-0000-7000-8000-000000000002' },
      body: { roles: [] },
    });
    expectProblem(res, 404, 'not_found');
  });

  it('shows the audit trail for one record, newest first', async () => {
    const { client } = await signedIn(['ADMIN']);
    const target = await makeUser();
    await client.call(c.setRoles, {
      params: { id: target.id },
      body: { roles: [{ role: 'REVIEWER', programmeId: null }] },
    });
    const res = await client.call(c.listAuditEvents, { query: { entityType: 'User', entityId: target.id } });
    expect((res.json as { items: { action: string }[] }).items[0]?.action).toBe('user.roles_changed');
  });
});

describe('audit events are append-only', () => {
  it('the database refuses to change or delete them', async () => {
    const target = await makeUser();
    const { client } = await signedIn(['ADMIN']);
    await client.call(c.setRoles, {
      params: { id: target.id },
      body: { roles: [{ role: 'REVIEWER', programmeId: null }] },
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: target.id } });
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: 'tampered' } })).rejects.toThrow();
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
  });
});
