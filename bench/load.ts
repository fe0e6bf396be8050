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
      // Each connection its own session on every request of its cycle: `setHeaders` would change only the
      // request the client is on (and, the objects being shared, every client's), so the rest went
      // without a cookie and answered 401.
      setupClient: (client) => {
        const s = g.sessions[next++ % g.sessions.length];
        const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
        client.setRequests(
          g.requests.map((r) => ({ method: r.method, path: r.path, body: r.body, headers: { ...headers } })),
        );
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
      // Which statuses the non-2xx answers had (a refusal, a limit, a server error are different stories).
      statuses: Object.fromEntries(
        Object.entries(r.statusCodeStats ?? {})
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, v]) => [code, (v as { count: number }).count]),
      ),
    })),
  ),
);
