import { expect, it } from 'vitest';
it('dummy', async () => { console.log('start1', Date.now()); await new Promise(r=>setTimeout(r,1000)); console.log('end1', Date.now()); expect(1).toBe(1); });
