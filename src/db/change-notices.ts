/**
 * What a server process may keep between requests although other processes write: small,
 * often-read rows (whether API tokens exist, the checklist versions) kept until PostgreSQL
 * says their table changed. Triggers (migration ChangeNotices) send `NOTIFY fazhi_changes`
 * in the transaction of every write to those tables, which PostgreSQL delivers when it
 * commits; one connection per DataSource listens. Every notice, a lost connection and a write
 * of this process (`changeCommitted`, right after its commit) start a new generation, and a
 * value is kept only for the generation it was read in. While the listener is not connected,
 * and on SQLite (no NOTIFY; every read is local), nothing is kept: each call reads.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { logger } from '../common/log';

/** The channel the triggers notify. */
const CHANGE_CHANNEL = 'fazhi_changes';

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_MS = 1000;

class ChangeListener {
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  generation = 0;
  readonly values = new Map<string, { generation: number; value: unknown }>();

  constructor(private readonly url: string) {}

  /** The generation values may be kept for, or null while not listening. */
  current(): number | null {
    return this.listening ? this.generation : null;
  }

  changed(): void {
    this.generation += 1;
    this.values.clear();
  }

  connect(): void {
    if (this.stopped || this.client) return;
    const client = new Client({ connectionString: this.url });
    this.client = client;
    const lost = (error?: Error): void => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.changed();
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (error) logger().warn({ err: error }, 'change notices: connection lost, listening again shortly');
      setTimeout(() => this.connect(), RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.changed());
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANGE_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        // the socket must not keep a process alive that is otherwise done
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        this.changed(); // nothing read before listening is trusted
        this.listening = true;
      })
      .catch((error: Error) => lost(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    this.changed();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

const listeners = new WeakMap<DataSource, ChangeListener>();

function listenerOf(ds: DataSource): ChangeListener | null {
  if (ds.options.type !== 'postgres' || !ds.isInitialized) return null;
  let listener = listeners.get(ds);
  if (!listener) {
    const url = (ds.options as { url?: string }).url;
    if (!url) return null;
    const made = new ChangeListener(url);
    listener = made;
    listeners.set(ds, made);
    // stop listening when the data source closes
    const destroy = ds.destroy.bind(ds);
    ds.destroy = async () => {
      await made.stop();
      return destroy();
    };
    made.connect();
  }
  return listener;
}

/**
 * `load()`'s value, kept per data source under `key` until a watched table changes (see
 * above); read anew on every call while that cannot be known. Only for reads outside a
 * transaction.
 */
export async function keptUntilChange<T>(ds: DataSource, key: string, load: () => Promise<T>): Promise<T> {
  const listener = listenerOf(ds);
  const generation = listener?.current() ?? null;
  if (listener === null || generation === null) return load();
  const kept = listener.values.get(key);
  if (kept && kept.generation === generation) return kept.value as T;
  const value = await load();
  // kept only if nothing changed while it was read
  if (listener.current() === generation) listener.values.set(key, { generation, value });
  return value;
}

/** Called by this process right after it committed a write to a watched table (its own notice arrives a moment later). */
export function changeCommitted(ds: DataSource): void {
  listeners.get(ds)?.changed();
}
