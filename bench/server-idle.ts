/**
 * The question bench/peer.ts asks a server process after a load: answer `{ idle: id, rssMB,
 * heapUsedMB, cpuMs }` (cpuMs: the process's CPU time so far, user + system) once every request received has been answered (autocannon closes its sockets
 * at the end, but the server goes on executing what it received). Used by both server
 * processes of the load test (bench/our-server.ts, bench/peer-server.ts).
 */
import type { Server } from 'node:http';

/** Asked after the start. */
export interface IdleQuestion {
  ask: 'idle';
  id: number;
}

/** Counts the requests in flight on `server` and answers the idle question on the IPC channel. */
export function answerIdle(server: Server): void {
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
  });
  process.on('message', (message: IdleQuestion) => {
    if (message.ask !== 'idle') return;
    const answer = (): void => {
      if (inFlight > 0) {
        setTimeout(answer, 50);
        return;
      }
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      process.send?.({
        idle: message.id,
        rssMB: Math.round(m.rss / 104857.6) / 10,
        heapUsedMB: Math.round(m.heapUsed / 104857.6) / 10,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    };
    answer();
  });
}
