import { expect, it } from 'vitest';
it('dummy2', async () => { console.log('start2', Date.now()); await new Promise(r=>setTimeout(r,1000)); console.log('end2', Date.now()); expect(1).toBe(1); });
