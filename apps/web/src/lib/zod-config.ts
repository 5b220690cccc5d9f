import { z } from 'zod';

// zod compiles object parsers with `new Function` when it may; the API's Content-Security-Policy forbids eval, and
// zod's probe for it logs a CSP violation on every page load. Parsing without the JIT is fast enough for forms.
z.config({ jitless: true });
