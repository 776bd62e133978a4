import { createServer } from 'node:net';

/**
 * Whether the HTTP port can be bound, checked before migrations and seeding so that a busy
 * port is reported at once. Resolves null when free, else the error code (EADDRINUSE,
 * EACCES …). The port is released again before the server binds it for real.
 */
export function portProblem(port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'EADDRINUSE'));
    probe.listen(port, host, () => probe.close(() => resolve(null)));
  });
}
