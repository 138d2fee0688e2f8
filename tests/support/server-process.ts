import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The node flags `npm start` gives the server (package.json), e.g. the young generation's size. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  return /tsx ((?:--\S+ )*)src\/server\/main\.ts/.exec(pkg.scripts.start)?.[1]?.split(' ').filter(Boolean) ?? [];
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Kills the whole process group (node and the esbuild service tsx starts) with the signal, and waits for it to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

/**
 * Starts the real server as `node --import tsx src/server/main.ts` in its own process group, on SQLite in `dataDir`
 * or on PostgreSQL at `databaseUrl`, and waits until /healthz answers.
 */
export async function startServer(opts: {
  dataDir: string;
  databaseUrl?: string;
  secret: string;
  port?: number;
  env?: Record<string, string>;
  /** Another entry point (the benchmark's bare server); the app's by default. */
  script?: string;
}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  // The app runs with the node flags of `npm start`; SERVER_NODE_ARGS adds more (e.g. `--cpu-prof
  // --cpu-prof-dir=tmp/prof` to profile it).
  const nodeArgs = [
    ...(opts.script ? [] : startFlags()),
    ...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  // node with tsx's loader, not the tsx launcher: the launcher turns a SIGTERM the server is slow to report
  // (60 ms on a busy machine) into a SIGKILL, and a graceful stop under test into a crash.
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, opts.script ?? 'src/server/main.ts'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      VIGIE_SECRET: opts.secret,
      DEMO: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      ...opts.env,
    },
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => log,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
      await exited;
      // npx may exit before the node it started: wait until the whole group is gone.
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(-child.pid!, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
