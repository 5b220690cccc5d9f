import { contract } from '@kizuna/shared';
import { describe, expect, inject, it } from 'vitest';
import type { ApiClient } from '../support/client.js';
import { expectProblem } from '../support/client.js';
import { makeUser } from '../support/factory.js';
import { PDF, PNG } from '../support/files.js';
import { consortium, loggedIn } from '../support/proposals.js';

async function upload(
  client: ApiClient,
  proposalId: string,
  key: string,
  data: Buffer,
  name: string,
  type = 'application/pdf',
) {
  const res = await fetch(`${inject('apiUrl')}/api/proposals/${proposalId}/attachments/${key}`, {
    method: 'PUT',
    headers: {
      cookie: client.cookie!,
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
      'x-forwarded-for': client.address,
    },
    body: data,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const CV = [{ key: 'cv', title: 'CVs of the PIs', required: true, maxSizeMb: 1, types: ['pdf'] }];

describe('proposal attachments', () => {
  it('accepts a real PDF, stores it, serves it back to the consortium and counts it for eligibility', async () => {
    const { proposalId, lead, japan } = await consortium({ attachments: CV });
    const before = (await lead.call(contract.proposals.eligibility, { params: { id: proposalId } })).json as {
      results: { code: string; passed: boolean }[];
    };
    expect(before.results.find((r) => r.code === 'eligibility.attachments_present')?.passed).toBe(false);

    const res = await upload(japan.client, proposalId, 'cv', PDF, 'CV 山田.pdf');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      key: 'cv',
      fileName: 'CV 山田.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });

    const after = (await lead.call(contract.proposals.eligibility, { params: { id: proposalId } }))
      .json as typeof before;
    expect(after.results.find((r) => r.code === 'eligibility.attachments_present')?.passed).toBe(true);

    const download = await fetch(`${inject('apiUrl')}/api/proposals/${proposalId}/attachments/cv`, {
      headers: { cookie: lead.cookie! },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''CV%20%E5%B1%B1%E7%94%B0.pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const outsider = await loggedIn(await makeUser({ roles: ['RESEARCHER'] }));
    const denied = await fetch(`${inject('apiUrl')}/api/proposals/${proposalId}/attachments/cv`, {
      headers: { cookie: outsider.cookie! },
    });
    expect(denied.status).toBe(404);
    expect((await upload(outsider, proposalId, 'cv', PDF, 'x.pdf')).status).toBe(404);
  });

  it('judges the type by the content, not the name or the declared type', async () => {
    const { proposalId, lead } = await consortium({ attachments: CV });
    const png = await upload(lead, proposalId, 'cv', PNG, 'cv.pdf', 'application/pdf');
    expect(png.status).toBe(415);
    expect(png.json).toMatchObject({
      code: 'unsupported_media_type',
      errors: [{ code: 'wrong_type', params: { detected: 'image/png' } }],
    });
    const text = await upload(lead, proposalId, 'cv', Buffer.from('just text, not a PDF'), 'cv.pdf');
    expect(text.status).toBe(415);
    const proposal = (await lead.call(contract.proposals.get, { params: { id: proposalId } })).json as {
      attachments: unknown[];
    };
    expect(proposal.attachments).toEqual([]);
  });

  it('refuses a file over the call’s size limit, an empty file and an unknown attachment kind', async () => {
    const { proposalId, lead } = await consortium({ attachments: CV });
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    expect((await upload(lead, proposalId, 'cv', big, 'big.pdf')).status).toBe(413);
    expect((await upload(lead, proposalId, 'cv', Buffer.alloc(0), 'empty.pdf')).status).toBe(400);
    expect((await upload(lead, proposalId, 'budget_sheet', PDF, 'x.pdf')).status).toBe(404);
    expectProblem(
      await lead.raw('PUT', `/proposals/${proposalId}/attachments/Bad-Key`, {
        body: 'x',
        headers: { 'content-type': 'application/pdf' },
      }),
      400,
      'validation_failed',
    );
  });
});
