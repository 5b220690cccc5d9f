// A normalized, line-per-object dump of a database's `public` schema, for comparing two databases: tables, columns
// (type, nullability, default, identity), indexes (definition), constraints (definition, incl. foreign keys) and
// enums (values). Column and enum-value order are ignored: migrations append (ALTER TABLE ADD COLUMN, ALTER TYPE ADD
// VALUE) where a fresh CREATE lists things in schema order, and Prisma does not treat that as drift either.
// Prisma's own bookkeeping table, functions and triggers are outside the comparison.
import pg from 'pg';

const IGNORED_TABLES = ['_prisma_migrations'];

export async function dumpCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    const q = async (sql: string, params: unknown[] = [IGNORED_TABLES]) =>
      (await client.query(sql, params)).rows as Record<string, string>[];

    for (const r of await q(`
      SELECT c.relname AS table, c.relkind AS kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relname = ANY($1)`)) {
      lines.push(`table ${r.table} (relkind ${r.kind})`);
    }

    for (const r of await q(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity,
             a.attgenerated AS generated
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND NOT c.relname = ANY($1)`)) {
      let line = `column ${r.table}.${r.column} ${r.type}${r.notnull ? ' NOT NULL' : ' NULL'}`;
      if (r.default !== null) line += ` DEFAULT ${r.default}`;
      if (r.identity) line += ` IDENTITY ${r.identity}`;
      if (r.generated) line += ` GENERATED ${r.generated}`;
      lines.push(line);
    }

    for (const r of await q(`
      SELECT tablename AS table, indexname AS index, indexdef AS def
      FROM pg_indexes WHERE schemaname = 'public' AND NOT tablename = ANY($1)
        -- Hand-written indexes Prisma's schema language cannot express (e.g. full-text expression indexes) are
        -- named manual_*: they live only in migrations and are left out of the comparison.
        AND indexname NOT LIKE 'manual_%'`)) {
      lines.push(`index ${r.table}.${r.index}: ${r.def}`);
    }

    for (const r of await q(`
      SELECT c.relname AS table, k.conname AS name, k.contype AS type, pg_get_constraintdef(k.oid, true) AS def
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT c.relname = ANY($1)`)) {
      lines.push(`constraint ${r.table}.${r.name} (${r.type}): ${r.def}`);
    }

    for (const r of await q(
      `
      SELECT t.typname AS name, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumlabel) AS labels
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = 'public'
      GROUP BY t.typname`,
      [],
    )) {
      lines.push(`enum ${r.name} {${r.labels}}`);
    }

    return lines.sort();
  } finally {
    await client.end();
  }
}

export interface CatalogDifference {
  onlyInFirst: string[];
  onlyInSecond: string[];
}

export function compareCatalogs(first: string[], second: string[]): CatalogDifference {
  const a = new Set(first);
  const b = new Set(second);
  return { onlyInFirst: first.filter((l) => !b.has(l)), onlyInSecond: second.filter((l) => !a.has(l)) };
}
