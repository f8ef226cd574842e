// Child processes of the read benchmark: servers, the load generator, CPU pinning, memory.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const here = new URL('./', import.meta.url).pathname;

/** taskset pinning: the server on CPU 0, the load generator and its PostgreSQL backends on CPU 1. */
export const pinning = cpus().length >= 2 && existsSync('/usr/bin/taskset');
export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

const pinned = (cpu, args) => (pinning ? ['taskset', ['-c', String(cpu), process.execPath, ...args]] : [process.execPath, args]);

/** Starts `script` (in bench/read) with `args`, waits for its `ready <port>` line. */
export function startServer(script, args, { cpu = SERVER_CPU, env = {} } = {}) {
  const [cmd, argv] = pinned(cpu, [here + script, ...args]);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = /ready (\d+)/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        const server = { child, pid: child.pid, port: Number(m[1]), url: `http://127.0.0.1:${m[1]}`, output: '' };
        child.stdout.on('data', (more) => (server.output = (server.output + more).slice(-4000)));
        resolve(server);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code} before it was ready:\n${stderr}`)));
  });
}

/** Stops a server; returns what it printed after `ready`. */
export async function stopServer(server) {
  if (server.child.exitCode !== null) return server.output;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  return server.output;
}

/** One autocannon run in its own process (pinned to the load CPU). */
export function runLoad(options) {
  const [cmd, argv] = pinned(LOAD_CPU, [here + 'load.mjs', JSON.stringify(options)]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)));
    });
  });
}

/**
 * Pins the PostgreSQL backends serving `serverPid`'s connections to `cpu`: the sockets from that
 * process to port 5432 (ss) give the client ports, pg_stat_activity the matching backends.
 */
export function pinBackends(serverPid, cpu = LOAD_CPU) {
  const backends = backendsOf(serverPid);
  if (pinning) {
    for (const pid of backends) {
      try {
        execFileSync('taskset', ['-pc', String(cpu), String(pid)], { stdio: 'ignore' });
      } catch {
        // a backend that just ended
      }
    }
  }
  return backends;
}

/** PIDs of the PostgreSQL backends connected to `serverPid` (empty without `ss`). */
export function backendsOf(serverPid) {
  if (!existsSync('/usr/bin/ss')) return [];
  const lines = execFileSync('ss', ['-tnpH', 'state', 'established'], { encoding: 'utf8' }).split('\n');
  const clientPorts = new Set();
  for (const line of lines) {
    if (!line.includes(`pid=${serverPid},`)) continue;
    const m = /\s(\S+):(\d+)\s+\S+:5432\s/.exec(line);
    if (m) clientPorts.add(m[2]);
  }
  const pids = [];
  for (const line of lines) {
    const m = /\s\S+:5432\s+\S+:(\d+)\s.*\("postgres",pid=(\d+),/.exec(line);
    if (m && clientPorts.has(m[1])) pids.push(Number(m[2]));
  }
  return pids;
}

/** CPU seconds (user + system, all threads) a process has used so far; 0 once it is gone. */
export function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Resident and peak memory of a process, in MB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}
