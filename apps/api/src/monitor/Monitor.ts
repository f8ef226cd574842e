import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { DEFAULT_CHECK_SCHEDULE, isIntegrationStatus, nextCheckAt, type CheckSchedulePolicy, type Provider } from '@relink/core';
import { NotificationService, type DeliveryPolicy } from '../services/NotificationService.js';
import type { Services } from '../services/services.js';
import { CHECK_REQUEST_CHANNEL } from './CheckRequests.js';
import { leasesReleased, rowsReported, summarizeBatch, type IntegrationChecker } from './checkReport.js';
import { createBoss, ensureQueue } from './createBoss.js';
import { evaluateExpiries } from './evaluateExpiries.js';
import { IntegrationLeases, type Claim, type LeasedRow } from './IntegrationLeases.js';
import { ProviderBackoff, type BackoffPolicy } from './ProviderBackoff.js';

export const CHECK_QUEUE = 'relink-check';
export const DELIVER_QUEUE = 'relink-deliver';

export interface MonitorOptions {
  /** The provider layer (`services.checks`). Without it only expiries and webhook deliveries run. */
  checker?: IntegrationChecker;
  /** Run this process's sweep timer (claims due work). Default true. */
  sweep?: boolean;
  /** Time between sweeps when nothing wakes it earlier. Default 5 000 ms. */
  sweepIntervalMs?: number;
  /** How long a claim holds an integration; a crashed worker's integrations are due again after it. Default 900 s. */
  leaseSeconds?: number;
  /**
   * Facebook integrations per check job. A job asks debug_token in Graph batches of 50 and applies
   * all answers in one transaction, so its fixed costs (queue, lease, load) are shared by this many.
   * Default 200 (four Graph batch calls).
   */
  batchSize?: number;
  /**
   * Google integrations per check job. Each is a refresh plus an Ads call of up to 10 s each, so a job
   * stays well inside the job expiry (300 s) even when Google times out. Default 10.
   */
  googleBatchSize?: number;
  /** Integrations claimed per claim query. Default 1 000. */
  claimLimit?: number;
  /** Check jobs this process runs at once. Default 4. */
  checkConcurrency?: number;
  /** Webhook deliveries this process sends at once. Default 4. */
  deliveryConcurrency?: number;
  /** Stop claiming while this many check jobs wait in the queue. Default 4 × checkConcurrency. */
  maxQueuedBatches?: number;
  /** pg-boss schema (default: `pgboss`, or `<schema>_pgboss` for a non-public Relink schema). */
  bossSchema?: string;
  /** How often an idle pg-boss worker polls. Default 1 s (v10 polls; LISTEN is not used). */
  pollingIntervalSeconds?: number;
  schedule?: Partial<CheckSchedulePolicy>;
  backoff?: Partial<BackoffPolicy>;
  delivery?: Partial<DeliveryPolicy>;
  random?: () => number;
}

interface CheckJobData {
  provider: Provider;
  lease: string;
  ids: string[];
}

interface DeliverJobData {
  deliveryId: string;
}

/** What one sweep did (for logs and tests). */
export interface SweepReport {
  expiries: number;
  adopted: number;
  claimed: number;
  batches: number;
  deliveries: number;
}

/** Counters since start. */
export interface MonitorStats {
  sweeps: number;
  checkJobs: number;
  checked: number;
  deferred: number;
  skipped: number;
  deliveries: number;
}

const CHECK_JOB_EXPIRE_SECONDS = 300;
const DELIVERY_LEASE_SECONDS = 120;
/** Shortest pause between two sweeps that were woken by finished jobs. */
const TOP_UP_GAP_MS = 50;

/**
 * The health monitor: a sweep (per process, on a timer and whenever woken) claims due integrations
 * with SKIP LOCKED and a lease, and enqueues check batches on pg-boss; any worker process runs them
 * through the provider layer, then schedules each integration's next check with core's `nextCheckAt`.
 * The same sweep applies TIME_PASSED (EXPIRING_SOON / EXPIRED) and hands due webhook deliveries to
 * pg-boss jobs. Several processes on several machines share the work; none checks an integration
 * another one holds.
 */
export class Monitor {
  readonly stats: MonitorStats = { sweeps: 0, checkJobs: 0, checked: 0, deferred: 0, skipped: 0, deliveries: 0 };
  readonly backoff: ProviderBackoff;
  readonly notifications: NotificationService;
  private readonly leases: IntegrationLeases;
  private readonly schedule: CheckSchedulePolicy;
  private readonly random: () => number;
  private readonly opts: Required<Pick<MonitorOptions, 'sweep' | 'sweepIntervalMs' | 'leaseSeconds' | 'batchSize' | 'googleBatchSize' | 'claimLimit' | 'checkConcurrency' | 'deliveryConcurrency' | 'maxQueuedBatches' | 'pollingIntervalSeconds'>>;
  private boss: PgBoss | undefined;
  private checkWorkers: string[] = [];
  private deliverWorkers: string[] = [];
  private cleanups: Array<() => unknown> = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<SweepReport> | undefined;
  private sweepAgain = false;
  private deliveryKick: NodeJS.Timeout | undefined;
  private stopped = false;
  private sweepCount = 0;
  private lastExpiryRun = 0;

  private constructor(
    private readonly services: Services,
    private readonly log: Logger,
    private readonly options: MonitorOptions,
  ) {
    const checkConcurrency = options.checkConcurrency ?? 4;
    this.opts = {
      sweep: options.sweep ?? true,
      sweepIntervalMs: options.sweepIntervalMs ?? 5_000,
      leaseSeconds: options.leaseSeconds ?? 900,
      batchSize: options.batchSize ?? 200,
      googleBatchSize: options.googleBatchSize ?? 10,
      claimLimit: options.claimLimit ?? 1_000,
      checkConcurrency,
      deliveryConcurrency: options.deliveryConcurrency ?? 4,
      maxQueuedBatches: options.maxQueuedBatches ?? checkConcurrency * 4,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
    };
    if (this.opts.leaseSeconds <= CHECK_JOB_EXPIRE_SECONDS) {
      throw new RangeError(`monitor leaseSeconds must exceed the check job's expiry (${CHECK_JOB_EXPIRE_SECONDS} s)`);
    }
    this.random = options.random ?? Math.random;
    this.schedule = { ...DEFAULT_CHECK_SCHEDULE, ...options.schedule };
    this.backoff = new ProviderBackoff(options.backoff, Date.now, this.random);
    this.leases = new IntegrationLeases(services.database);
    this.notifications = new NotificationService(services.database, services.config.encryptionKeys, { policy: options.delivery ?? {} });
  }

  /** Starts pg-boss over the services' database, the job workers and (unless `sweep: false`) the sweep. */
  static async start(services: Services, log: Logger, options: MonitorOptions = {}): Promise<Monitor> {
    const monitor = new Monitor(services, log.child({ component: 'monitor' }), options);
    try {
      await monitor.begin();
    } catch (error) {
      await monitor.stop().catch(() => undefined);
      throw error;
    }
    return monitor;
  }

  private async begin(): Promise<void> {
    const boss = createBoss(this.services.database, { schema: this.options.bossSchema, pollingIntervalSeconds: this.opts.pollingIntervalSeconds });
    boss.on('error', (error) => this.log.warn({ err: error }, 'pg-boss error'));
    this.boss = boss;
    await boss.start();
    await ensureQueue(boss, { name: CHECK_QUEUE, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: CHECK_JOB_EXPIRE_SECONDS });
    await ensureQueue(boss, { name: DELIVER_QUEUE, retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 });
    const polling = { batchSize: 1, pollingIntervalSeconds: this.opts.pollingIntervalSeconds };
    if (this.options.checker) {
      for (let i = 0; i < this.opts.checkConcurrency; i += 1) {
        const id: string = await boss.work<CheckJobData>(CHECK_QUEUE, polling, async ([job]) => {
          if (!job) return;
          const result = await this.runCheckJob(job.data);
          // Work is waiting more likely than not: fetch again at once instead of sleeping a poll interval.
          boss.notifyWorker(id);
          this.requestSweepIfLow();
          return result;
        });
        this.checkWorkers.push(id);
      }
    } else {
      this.log.warn('no provider checker wired: the monitor evaluates expiries and delivers webhooks, but checks nothing');
    }
    for (let i = 0; i < this.opts.deliveryConcurrency; i += 1) {
      const id: string = await boss.work<DeliverJobData>(DELIVER_QUEUE, polling, async ([job]) => {
        if (!job) return;
        const outcome = await this.notifications.deliver(job.data.deliveryId);
        this.stats.deliveries += 1;
        if (outcome.result !== 'delivered' && outcome.result !== 'skipped') this.log.info({ deliveryId: job.data.deliveryId, ...outcome }, 'webhook delivery not accepted');
        boss.notifyWorker(id);
        return outcome;
      });
      this.deliverWorkers.push(id);
    }
    if (this.opts.sweep) {
      this.cleanups.push(await this.services.database.listen(CHECK_REQUEST_CHANNEL, () => this.requestSweep()));
      this.cleanups.push(this.services.statusBus.subscribe(() => this.kickDeliveries()));
      this.requestSweep();
    }
  }

  /** Runs one sweep now (or waits for the running one and runs another). */
  async sweepNow(): Promise<SweepReport> {
    if (this.sweeping) await this.sweeping.catch(() => undefined);
    return this.runSweep();
  }

  /** Wakes the sweep as soon as possible; several requests while one runs make one more run. */
  requestSweep(): void {
    if (this.stopped || !this.opts.sweep) return;
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runSweep().catch(() => undefined), 0);
  }

  /** After a job: let the sweep top the queue up (it claims only while fewer than maxQueuedBatches wait). */
  private requestSweepIfLow(): void {
    this.requestSweep();
  }

  private async runSweep(): Promise<SweepReport> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.sweep();
    this.sweeping = run;
    try {
      return await run;
    } catch (error) {
      if (!this.stopped) this.log.error({ err: error }, 'monitor sweep failed');
      throw error;
    } finally {
      this.sweeping = undefined;
      if (!this.stopped && this.opts.sweep) {
        const again = this.sweepAgain;
        this.sweepAgain = false;
        this.timer = setTimeout(() => void this.runSweep().catch(() => undefined), again ? TOP_UP_GAP_MS : this.opts.sweepIntervalMs);
      }
    }
  }

  private async sweep(): Promise<SweepReport> {
    const report: SweepReport = { expiries: 0, adopted: 0, claimed: 0, batches: 0, deliveries: 0 };
    const boss = this.boss;
    if (!boss || this.stopped) return report;
    this.stats.sweeps += 1;
    this.sweepCount += 1;
    // The clock's events need no more than one look per interval; top-ups after each job skip them.
    if (Date.now() - this.lastExpiryRun >= this.opts.sweepIntervalMs) {
      this.lastExpiryRun = Date.now();
      report.expiries = await evaluateExpiries(this.services.database, this.services.status);
    }
    if (this.options.checker) {
      if (this.sweepCount % 12 === 1) report.adopted = await this.leases.adoptUnscheduled(this.opts.claimLimit);
      let queued = await boss.getQueueSize(CHECK_QUEUE);
      while (!this.stopped && queued < this.opts.maxQueuedBatches) {
        const room = Math.min(this.opts.claimLimit, (this.opts.maxQueuedBatches - queued) * this.opts.batchSize);
        const claim = await this.leases.claimDue(room, this.opts.leaseSeconds, this.backoff.readyProviders());
        if (!claim) break;
        const jobs = this.batches(claim);
        await boss.insert(jobs);
        for (const id of this.checkWorkers) boss.notifyWorker(id);
        report.claimed += claim.ids.length;
        report.batches += jobs.length;
        queued += jobs.length;
        if (claim.ids.length < room) break;
      }
    }
    report.deliveries = await this.enqueueDeliveries();
    if (report.claimed + report.expiries + report.deliveries > 0) this.log.debug(report, 'monitor sweep');
    return report;
  }

  private batches(claim: Claim): PgBoss.JobInsert<CheckJobData>[] {
    const byProvider = new Map<Provider, string[]>();
    for (const { id, provider } of claim.ids) {
      const ids = byProvider.get(provider);
      if (ids) ids.push(id);
      else byProvider.set(provider, [id]);
    }
    const jobs: PgBoss.JobInsert<CheckJobData>[] = [];
    for (const [provider, ids] of byProvider) {
      const size = provider === 'GOOGLE' ? this.opts.googleBatchSize : this.opts.batchSize;
      for (let i = 0; i < ids.length; i += size) {
        jobs.push({ name: CHECK_QUEUE, data: { provider, lease: claim.lease, ids: ids.slice(i, i + size) } });
      }
    }
    return jobs;
  }

  private async enqueueDeliveries(): Promise<number> {
    const boss = this.boss;
    if (!boss || this.stopped) return 0;
    const ids = await this.notifications.claimDue(200, DELIVERY_LEASE_SECONDS);
    if (ids.length === 0) return 0;
    await boss.insert(ids.map((deliveryId) => ({ name: DELIVER_QUEUE, data: { deliveryId }, singletonKey: deliveryId })));
    for (const id of this.deliverWorkers) boss.notifyWorker(id);
    return ids.length;
  }

  /** A status change was committed somewhere: its webhook rows are due now. */
  private kickDeliveries(): void {
    if (this.stopped || this.deliveryKick) return;
    this.deliveryKick = setTimeout(() => {
      this.deliveryKick = undefined;
      this.enqueueDeliveries().catch((error: unknown) => {
        if (!this.stopped) this.log.warn({ err: error }, 'could not enqueue webhook deliveries');
      });
    }, 20);
  }

  /** One check job: still ours? provider not paused? check, learn, schedule the next check. */
  private async runCheckJob(data: CheckJobData): Promise<{ checked: number; deferred: number; skipped: number }> {
    const checker = this.options.checker;
    if (!checker) throw new Error('no checker wired');
    this.stats.checkJobs += 1;
    const held = await this.leases.held(data.ids, data.lease);
    const skipped = data.ids.length - held.length;
    this.stats.skipped += skipped;
    if (held.length === 0) return { checked: 0, deferred: 0, skipped };
    if (this.backoff.isPaused(data.provider)) {
      const resume = this.backoff.readyAt(data.provider);
      await this.leases.release(held.map((r) => ({ id: r.id, next: new Date(resume + this.random() * 2_000) })), data.lease);
      this.stats.deferred += held.length;
      return { checked: 0, deferred: held.length, skipped };
    }
    const startedAt = new Date();
    const ids = held.map((r) => r.id);
    // A throw (database down, bug) fails the job: pg-boss retries it while the lease still holds the rows.
    const result = await checker.checkMany(ids, { release: { lease: data.lease, next: (row) => this.nextFor(row, startedAt, new Date()) } });
    const after = rowsReported(result, ids) ?? (await this.leases.read(ids));
    for (const summary of summarizeBatch(after, startedAt, result)) {
      if (summary.checked > 0 && summary.transient === summary.checked) {
        const until = this.backoff.recordFailure(summary.provider, summary.askedSeconds);
        this.log.info({ provider: summary.provider, pausedUntil: new Date(until) }, 'provider failing transiently: backing off');
      } else {
        if (summary.checked > 0) this.backoff.recordSuccess(summary.provider);
        if (summary.askedSeconds !== undefined) this.backoff.recordThrottle(summary.provider, summary.askedSeconds);
      }
    }
    const released = leasesReleased(result);
    const now = new Date();
    const schedule = after.filter((row) => !released.has(row.id)).map((row) => ({ id: row.id, next: this.nextFor(row, startedAt, now) }));
    await this.leases.release(schedule, data.lease);
    const checked = after.filter((r) => r.lastCheckedAt && r.lastCheckedAt.getTime() >= startedAt.getTime() - 1).length;
    this.stats.checked += checked;
    return { checked, deferred: 0, skipped };
  }

  private nextFor(row: LeasedRow, startedAt: Date, now: Date): Date | null {
    if (!isIntegrationStatus(row.status)) return new Date(now.getTime() + this.schedule.transientMaxSeconds * 1000);
    const answered = row.lastCheckedAt !== null && row.lastCheckedAt.getTime() >= startedAt.getTime() - 1;
    return nextCheckAt(
      {
        provider: row.provider,
        status: row.status,
        tokenExpiresAt: row.tokenExpiresAt,
        dataAccessExpiresAt: row.dataAccessExpiresAt,
        // Not checked at all (no credential, skipped by the provider layer): retry like a transient failure.
        consecutiveTransientFailures: answered ? row.consecutiveTransientFailures : row.consecutiveTransientFailures + 1,
        disconnectedAt: row.disconnectedAt,
      },
      now,
      this.random,
      this.schedule,
    );
  }

  /** Stops sweeping, lets running jobs finish (up to `timeoutMs`), stops pg-boss. Safe to call twice. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.deliveryKick) clearTimeout(this.deliveryKick);
    for (const cleanup of this.cleanups) await cleanup();
    await this.sweeping?.catch(() => undefined);
    await this.boss?.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
  }
}
