import autocannon from 'autocannon';

/**
 * The load generator, run as its own process by the bench (bench/request-path.ts) so the server under
 * test does not share an event loop with it. Reads one JSON job from argv[2], prints one JSON result.
 *
 * A job is a list of groups run at the same time; each connection of a group holds one session (its own
 * cookie and CSRF token) and cycles through the group's requests.
 */
interface Group {
  url: string;
  connections: number;
  sessions: { cookie: string; csrf: string }[];
  requests: { method: 'GET' | 'POST'; path: string; body?: string }[];
}
interface Job {
  seconds: number;
  groups: Group[];
}

const job = JSON.parse(process.argv[2]) as Job;
const results = await Promise.all(
  job.groups.map((g) => {
    let next = 0;
    return autocannon({
      url: g.url,
      connections: g.connections,
      duration: job.seconds,
      requests: g.requests.map((r) => ({ method: r.method, path: r.path, body: r.body })),
      setupClient: (client) => {
        const s = g.sessions[next++ % g.sessions.length];
        client.setHeaders({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' });
      },
    });
  }),
);
process.stdout.write(
  JSON.stringify(
    results.map((r) => ({
      requests: r.requests.average,
      total: r.requests.total,
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    })),
  ),
);
