/**
 * The load generator, run as a child process so that it does not share the server's
 * event loop (the server runs in the benchmark process): autocannon with N connections
 * for D seconds, POSTing GraphQL bodies in turn. A response whose body has an `errors`
 * member counts as a GraphQL error.
 */
import autocannon from 'autocannon';

/** What the parent sends. */
export interface LoadRequest {
  url: string;
  bodies: string[];
  connections: number;
  seconds: number;
}

/** What the child answers. */
export interface LoadReply {
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  seconds: number;
}

/** Runs one autocannon load against a GraphQL endpoint. */
export async function runLoad(request: LoadRequest): Promise<LoadReply> {
  let next = 0;
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.seconds,
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const body = request.bodies[next % request.bodies.length];
          next += 1;
          return { ...req, body };
        },
      },
    ],
    verifyBody: (body) => !body.includes('"errors"'),
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    seconds: result.duration,
  };
}

if (require.main === module) {
  process.once('message', (message: LoadRequest) => {
    runLoad(message).then(
      (reply) => process.send?.({ ok: true, reply }, undefined, {}, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: String(error) }, undefined, {}, () => process.exit(1)),
    );
  });
}
