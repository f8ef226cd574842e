// One monitor worker for the benches (forked by startWorkerProcess): the real startWorker over its own
// pool, reporting its peak RSS. Settings: BENCH_CONFIG_ENV (the API environment as JSON), BENCH_SCHEMA,
// BENCH_WORKER_OPTIONS (MonitorOptions as JSON).
import { loadApi } from './setup.mjs';

const api = await loadApi();
const config = api.config.loadConfig(JSON.parse(process.env.BENCH_CONFIG_ENV));
const worker = await api.startWorker(config, api.logger.createLogger('test'), {
  schema: process.env.BENCH_SCHEMA,
  ...JSON.parse(process.env.BENCH_WORKER_OPTIONS || '{}'),
});
let peak = process.memoryUsage().rss;
let cpuAtSweep = process.cpuUsage();
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
process.send({ type: 'ready' });
process.on('message', async (message) => {
  if (message?.type === 'sweep') {
    cpuAtSweep = process.cpuUsage();
    worker.monitor.requestSweep();
  }
  if (message?.type === 'stats') process.send({ type: 'stats', stats: { ...worker.monitor.stats } });
  if (message?.type === 'stop') {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    // Counters after close: running jobs finish (and count) before it resolves.
    await worker.close();
    const stats = { ...worker.monitor.stats };
    const cpu = process.cpuUsage(cpuAtSweep);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    process.send({ type: 'stopped', peakRssMb: Math.round(peak / 1024 / 1024), cpuSeconds, stats }, () => process.exit(0));
  }
});
