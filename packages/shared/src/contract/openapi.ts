import { z } from 'zod';
import { allOperations } from './index.js';
import { type Operation, successStatus } from './operation.js';
import { ProblemSchema } from './problem.js';

const SESSION_COOKIE = 'kizuna_session';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}

function parameters(op: Operation) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

function describeAuth(op: Operation): string {
  if (op.auth === 'public') return 'No session needed.';
  if (op.auth === 'session') return 'Needs a session.';
  return `Needs a session with one of the roles: ${op.auth.join(', ')}.`;
}

/** The OpenAPI 3.1 document of the API, generated from the same zod schemas the API validates with. */
export function buildOpenApiDocument(options: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { 'application/problem+json': { schema: jsonSchema(ProblemSchema, 'output') } };
  for (const op of allOperations()) {
    const path = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const status = String(successStatus(op));
    const responses: Record<string, unknown> = {
      [status]: op.response
        ? { description: 'Success', content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } }
        : { description: 'Success' },
      '4XX': { description: 'Client error (RFC 9457 problem details)', content: problem },
      '5XX': { description: 'Server error, with a request id', content: problem },
    };
    if (op.auth !== 'public') {
      responses['401'] = { description: 'No valid session', content: problem };
      responses['403'] = { description: 'Not allowed', content: problem };
    }
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: op.id,
      tags: [op.tag],
      summary: op.summary,
      description: describeAuth(op),
      security: op.auth === 'public' ? [] : [{ session: [] }],
      ...(Array.isArray(op.auth) ? { 'x-roles': op.auth } : {}),
      parameters: parameters(op),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kizuna API',
      version: options.version,
      description: 'Joint research programmes between ASEAN member states and Japan.',
    },
    servers: [{ url: options.serverUrl ?? '/api' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
    paths,
  };
}

export { SESSION_COOKIE };
