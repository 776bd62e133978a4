/**
 * The CPU PostgreSQL spends for a load: the user + system time of every backend serving the
 * benchmark database (read from /proc/<pid>/stat, so only when PostgreSQL runs on this machine),
 * summed before and after the load. A server's req/s on a shared 2-core machine is set by its own
 * CPU and the database's together: this is the second half (a statement's parse, plan and
 * execution), which our server's and the peer's SQL cost differently.
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** CPU ms of each backend serving the database, by pid (this reader's own backend left out). */
export type BackendCpu = () => Promise<Map<number, number>>;

/** Linux reports /proc times in USER_HZ, 100 a second on every architecture it runs on. */
const MS_PER_TICK = 10;

function cpuOfPid(pid: number): number | null {
  try {
    // the command name (field 2) is in parentheses and may hold spaces: count from after it
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK; // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

/** A reader over `url`'s database, or null when its backends' CPU cannot be read here. */
export async function backendCpuReader(url: string): Promise<{ read: BackendCpu; end: () => Promise<void> } | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const read: BackendCpu = async () => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuOfPid(pid);
      if (ms !== null) cpu.set(pid, ms);
    }
    return cpu;
  };
  const own = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  if (own === undefined || cpuOfPid(own) === null) {
    await client.end();
    return null;
  }
  return { read, end: () => client.end() };
}

/**
 * The CPU ms the backends spent between two readings: the backends alive at the end, less what
 * each had at the start (a backend that ended during the load is left out: the servers' pools keep
 * theirs open while they are busy).
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, end] of after) ms += end - (before.get(pid) ?? 0);
  return ms;
}
