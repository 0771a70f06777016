// Runs the real Stadtfunk server as a child process (`tsx server/src/main.ts`), the way an
// operator starts it, and measures how long it takes until GET /ready answers 200.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The one-time link the server prints on a fresh DATA_DIR (see setupBanner in server.ts). */
const SETUP_LINK = /http:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;

export interface ServerOptions {
  /** Repository root: the working directory of the child. */
  readonly root: string;
  readonly dataDir: string;
  readonly port: number;
  /** PATH and HOME from the test process; nothing else of its environment is passed on. */
  readonly path: string;
  readonly home: string;
  readonly readyTimeoutMs?: number;
  /** Where the platform sandbox listens (`--sandbox`, as `npm start` runs it). */
  readonly sandboxPort: number;
}

export interface ExitResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
}

export interface ServerProcess {
  /** PUBLIC_URL, the address links and the browser use. */
  readonly url: string;
  /** Milliseconds from spawn until GET /ready answered 200. */
  readonly readyMs: number;
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** The setup link printed on stdout, if any. */
  setupLink(): string | undefined;
  isRunning(): boolean;
  /** SIGTERM, then wait for the exit; resolves with code and signal, or rejects on timeout. */
  stop(timeoutMs: number): Promise<ExitResult>;
  /** Cleanup after a failed test: SIGTERM, and SIGKILL if the process does not go away. */
  kill(): Promise<void>;
}

/** A port that was free a moment ago: the kernel picks it for a throwaway listener. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        if (port === 0) {
          reject(new Error('could not determine a free port'));
        } else {
          resolve(port);
        }
      });
    });
  });
}

/** A TCP connection that sends nothing, as browsers open in advance for the next request. */
export function openIdleSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      // The server closes it on shutdown; that is expected, not an error.
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

function waitForExit(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Spawns the server and resolves once it is ready; rejects (and stops it) if it never gets there. */
export async function startServerProcess(options: ServerOptions): Promise<ServerProcess> {
  const publicUrl = `http://localhost:${options.port}`;
  const started = performance.now();
  const child = spawn(
    path.join(options.root, 'node_modules', '.bin', 'tsx'),
    // As `npm start` runs it: with the platform sandbox in the same process.
    ['server/src/main.ts', '--sandbox'],
    {
      cwd: options.root,
      env: {
        PATH: options.path,
        HOME: options.home,
        DATA_DIR: options.dataDir,
        PORT: String(options.port),
        PUBLIC_URL: publicUrl,
        SANDBOX_PORT: String(options.sandboxPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // An object, not a let: the flag changes in a callback, which control-flow narrowing ignores.
  const state = { exited: false };
  const exit = waitForExit(child).then((result) => {
    state.exited = true;
    return result;
  });
  const output = () => `${stdout}${stderr === '' ? '' : `\n[stderr]\n${stderr}`}`;

  const stop = async (timeoutMs: number): Promise<ExitResult> => {
    const stopStarted = performance.now();
    if (!state.exited) {
      // Only the tsx process: it relays the signal to the node process running the server.
      child.kill('SIGTERM');
    }
    const timeout = sleep(timeoutMs).then(() => 'timeout' as const);
    const result = await Promise.race([exit, timeout]);
    if (result === 'timeout') {
      throw new Error(`server did not exit within ${timeoutMs} ms after SIGTERM\n${output()}`);
    }
    return { ...result, ms: Math.round(performance.now() - stopStarted) };
  };

  const kill = async (): Promise<void> => {
    if (state.exited) {
      return;
    }
    child.kill('SIGTERM');
    const result = await Promise.race([exit, sleep(10_000).then(() => 'timeout' as const)]);
    if (result === 'timeout') {
      child.kill('SIGKILL');
      await exit;
    }
  };

  const readyUrl = `http://127.0.0.1:${options.port}/ready`;
  const deadline = started + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (state.exited) {
      const result = await exit;
      throw new Error(
        `server exited before it was ready (code ${String(result.code)}, signal ${String(result.signal)})\n${output()}`,
      );
    }
    if (await isReady(readyUrl)) {
      break;
    }
    if (performance.now() > deadline) {
      await kill();
      throw new Error(
        `server not ready within ${options.readyTimeoutMs ?? 60_000} ms\n${output()}`,
      );
    }
    await sleep(100);
  }
  const readyMs = Math.round(performance.now() - started);

  return {
    url: publicUrl,
    readyMs,
    output,
    setupLink: () => SETUP_LINK.exec(stdout)?.[0],
    isRunning: () => !state.exited,
    stop,
    kill,
  };
}
