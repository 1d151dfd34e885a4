import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * A statement with a stable name and fixed text. PostgreSQL prepares it once per connection and,
 * because the app's connections run with `plan_cache_mode = force_generic_plan`, plans it once and
 * re-uses that plan on every later execution (see DEVELOPING.md, "SQL"). Optional filters and
 * limits are parameters (`($2::uuid IS NULL OR x = $2)`), never text spliced in, so one name always
 * stands for one text. Define statements once, at module level, next to the repository using them.
 */
export interface SqlStatement {
  readonly name: string;
  readonly text: string;
}

const registry = new Map<string, string>();

/** Declares a named statement; a second declaration of the name with other text is a bug and throws. */
export function sqlStatement(name: string, text: string): SqlStatement {
  if (!/^[a-z][\w.:-]{0,62}$/i.test(name)) throw new Error(`Statement name "${name}" is not a short identifier`);
  const known = registry.get(name);
  if (known !== undefined && known !== text) throw new Error(`Statement "${name}" is declared twice with different text`);
  registry.set(name, text);
  return Object.freeze({ name, text });
}

/** Every statement declared so far (those of the modules loaded), by name. */
export function registeredStatements(): ReadonlyMap<string, string> {
  return registry;
}

/** What a statement listener sees: for tests that count statements and check they are named. */
export interface StatementEvent {
  name: string | null;
  text: string;
}

type Sendable = SqlStatement | string;

interface Queryable {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
}

interface TransactionContext {
  client: pg.PoolClient;
  open: boolean;
}

export interface TransactionOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

/**
 * The one way into PostgreSQL. Repositories send every statement through here: named statements
 * (`sqlStatement`) for everything a request runs, plain text only where the text itself varies (a
 * set-based insert of n rows, tests' setup). Inside `transaction(fn)` every statement sent through
 * this gateway, from any repository or service, runs on the transaction's connection: a write and
 * its audit row commit together without passing a connection around.
 */
export class Sql {
  private readonly context = new AsyncLocalStorage<TransactionContext>();
  private readonly listeners = new Set<(event: StatementEvent) => void>();

  constructor(readonly pool: pg.Pool) {}

  /**
   * Rows of a statement. A named statement's rows are typed by the caller (`query<DueModule>(…)`);
   * plain text (tests' setup, statements whose text varies) may leave them loosely typed.
   */
  query<T = Record<string, unknown>>(statement: SqlStatement, params?: readonly unknown[]): Promise<T[]>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(text: string, params?: readonly unknown[]): Promise<T[]>;
  async query<T>(statement: Sendable, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.send(statement, params)).rows as T[];
  }

  /** The first row, or undefined. */
  one<T = Record<string, unknown>>(statement: SqlStatement, params?: readonly unknown[]): Promise<T | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  one<T = any>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  async one<T>(statement: Sendable, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.send(statement, params)).rows[0] as T | undefined;
  }

  /** How many rows a write touched. */
  async execute(statement: Sendable, params: readonly unknown[] = []): Promise<number> {
    return (await this.send(statement, params)).rowCount ?? 0;
  }

  /** Whether a transaction of this gateway is open in the current async context. */
  get inTransaction(): boolean {
    return Boolean(this.context.getStore()?.open);
  }

  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. A call
   * made inside another transaction joins it. Work left running after `fn` resolves (something
   * not awaited) no longer sees the transaction and goes to the pool.
   */
  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction) return fn();
    const client = await this.pool.connect();
    const store: TransactionContext = { client, open: true };
    let broken = false;
    try {
      await this.sendOn(client, options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN', []);
      const result = await this.context.run(store, fn);
      await this.sendOn(client, 'COMMIT', []);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      store.open = false;
      client.release(broken || undefined);
    }
  }

  /**
   * A connection of its own, outside the pool's rotation, for work that must hold a session (tests
   * holding a lock open while a request runs). Release it when done.
   */
  async dedicatedConnection(): Promise<{
    query<T = Record<string, unknown>>(statement: Sendable, params?: readonly unknown[]): Promise<T[]>;
    release(): void;
  }> {
    const client = await this.pool.connect();
    return {
      query: async <T>(statement: Sendable, params: readonly unknown[] = []) => (await this.sendOn(client, statement, params)).rows as T[],
      release: () => client.release(),
    };
  }

  /** Calls `listener` for every statement sent until the returned function is called. */
  observe(listener: (event: StatementEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(statement: Sendable, params: readonly unknown[]): Promise<pg.QueryResult> {
    const store = this.context.getStore();
    return this.sendOn(store?.open ? store.client : this.pool, statement, params);
  }

  private sendOn(target: Queryable, statement: Sendable, params: readonly unknown[]): Promise<pg.QueryResult> {
    const named = typeof statement !== 'string';
    const text = named ? statement.text : statement;
    if (this.listeners.size) for (const listener of this.listeners) listener({ name: named ? statement.name : null, text });
    return target.query(named ? { name: statement.name, text, values: params as unknown[] } : { text, values: params as unknown[] });
  }
}

/** Whether an error is PostgreSQL's unique violation, optionally on one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
