/** One small SQL interface over the three PostgreSQL clients the booking store runs on, so the
 * same SQL runs everywhere: embedded PGlite (local default), node-postgres (`DATABASE_URL`) and
 * Neon's serverless Pool (`DATABASE_URL` on Vercel, whose functions keep no disk). */

export interface QueryResult<Row> {
  rows: Row[];
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Which client this is (logs and tests only). */
  readonly kind: "pglite" | "postgres" | "neon";
  /** Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE for a unique index violation. */
export const UNIQUE_VIOLATION = "23505";

/** The unique index a failed statement ran into, when that was the failure. */
export function uniqueViolation(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION ? (typeof constraint === "string" ? constraint : "") : null;
}

/** Embedded PostgreSQL (wasm) keeping its files in `dataDir`. One process per folder: see lock.ts. */
export async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create(dataDir);
  return {
    kind: "pglite",
    query: <Row>(sql: string, params: unknown[] = []) => pg.query<Row>(sql, params),
    exec: async (sql) => void (await pg.exec(sql)),
    transaction: (work) =>
      pg.transaction((tx) =>
        work({
          query: <Row>(sql: string, params: unknown[] = []) => tx.query<Row>(sql, params),
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    close: () => pg.close(),
  };
}

/** What node-postgres' Pool and Neon's Pool share (Neon's is a drop-in for pg's). */
interface PgLikePool {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>; release(destroy?: boolean): void }>;
  end(): Promise<void>;
}

function fromPool(kind: "postgres" | "neon", pool: PgLikePool): Db {
  const query = async <Row>(sql: string, params: unknown[] = []) => ({ rows: (await pool.query(sql, params)).rows as Row[] });
  return {
    kind,
    query,
    // Without parameters node-postgres uses the simple protocol, which takes several statements.
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work({
          query: async <Row>(sql: string, params: unknown[] = []) => ({ rows: (await client.query(sql, params)).rows as Row[] }),
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** A PostgreSQL server through node-postgres. */
export async function openPostgres(connectionString: string): Promise<Db> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  return fromPool("postgres", pool);
}

/** Neon from a Vercel function: its Pool speaks PostgreSQL over WebSockets. */
export async function openNeon(connectionString: string): Promise<Db> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  // Node 20 has no global WebSocket.
  if (typeof globalThis.WebSocket === "undefined") {
    const { default: ws } = await import("ws");
    neonConfig.webSocketConstructor = ws;
  }
  const pool = new Pool({ connectionString, max: 5 });
  pool.on("error", () => undefined);
  return fromPool("neon", pool as unknown as PgLikePool);
}
