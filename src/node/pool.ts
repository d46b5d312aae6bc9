/**
 * How the CLI lints each file: unified-engine finds the files, reads them
 * and applies configuration and ignore files in the main thread; its parser
 * is a placeholder, and the per-file plugin hands the text and the resolved
 * configuration to `worker.js`'s `run` — in this thread and, when many
 * files are linted, in a tinypool of worker threads, whichever is free —
 * and restores the messages. The engine keeps files in their order, so
 * reports are stable.
 *
 * The engine holds every file's tree until the last file is done (its
 * `queue` step), so a tree parsed by the engine lives for the whole run
 * (1,000 articles held 1.2 GB). Here each document's nlcst is made and
 * dropped inside one transform, in the pool and in process alike.
 */
import os from 'node:os'
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import type Tinypool from 'tinypool'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import type {Node} from 'unist'
import {resolveConfig, type Config} from './config.js'
import {restoreMessage, type SerializedMessage} from './serialize.js'
import {MtlintConfigError} from '../errors.js'
import {scoringOf} from './plugin.js'
import runTask, {type Outcome, type Task} from '../worker.js'

/**
 * The worker module: beside this file when it is the esbuild bundle
 * (`dist/bundle/worker.js` and the chunks it shares with the bin), else the
 * compiled module (`dist/worker.js`, from `dist/node/pool.js`).
 */
const workerFile = [new URL('worker.js', import.meta.url), new URL('../worker.js', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((file) => existsSync(file)) ?? fileURLToPath(new URL('../worker.js', import.meta.url))

let pool: Tinypool | undefined
let Pool: typeof Tinypool | undefined
let workers = 0

/**
 * Load tinypool (before `startPool`). Only a pooled run pays for it: its
 * module runs a shell command to count the CPUs as it loads (~20 ms), a
 * fifth of a one-file run's own work.
 */
export async function loadPool(): Promise<void> {
  Pool ??= (await import('tinypool')).default
}

/** Whether pooling is possible here (the compiled worker exists: not under a TS loader). */
export function canPool(): boolean {
  return existsSync(workerFile)
}

/**
 * From how many files the CLI starts workers by default, on a machine with
 * `cores` CPUs. A worker costs ~0.3 s of CPU to start (the bundle, the pack,
 * the dictionaries).
 *
 * With two CPUs it does not pay before ~2,000 files: the main thread's
 * linting already keeps ~1.3 CPUs busy (V8's garbage-collector and compiler
 * threads), so a worker gets what is left and both slow down on shared
 * memory — on a 2-CPU machine the pool lost 12% at 1,000 articles and won
 * ~10% at 3,000 (bench/NOTES.md, section 7). With three CPUs or more a
 * worker has one to itself; the threshold stays at 128 files, as measured
 * when this machine's pool still won (it lost 12% at 100 articles). No such
 * machine could be measured here.
 */
export function poolThreshold(cores = defaultJobs()): number {
  return cores >= 3 ? 128 : 2000
}

/** How many threads lint by default: one per core (the main thread is one of them). */
export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
  return Math.max(1, cores)
}

/**
 * Start (or reuse) the pool for `jobs` linting threads: the main thread
 * lints too (unified-engine's own work there is small), so `jobs - 1`
 * workers: one thread fewer holds the pack, the dictionaries and a heap,
 * and 2 jobs took less CPU than two workers beside an idle main thread
 * (bench/NOTES.md).
 */
export function startPool(jobs: number): Tinypool | undefined {
  if (jobs < 2) return undefined
  workers = jobs - 1
  if (!Pool) throw new Error('mtlint: `loadPool()` must finish before `startPool()`')
  pool ??= new Pool({
    filename: workerFile,
    minThreads: 1,
    maxThreads: workers,
    idleTimeout: 1000,
    // A document's trees die young; V8 grows each thread's young generation
    // to 48 MB, and three threads' worth of it was a quarter of the peak RSS
    // on 1,000 articles (bench/NOTES.md: 460 → 385 MB, same time). The old
    // generation is not capped: a large document must not kill a worker.
    resourceLimits: {maxYoungGenerationSizeMb: 8}
  })
  return pool
}

/** Stop the pool (so the process can exit). */
export async function stopPool(): Promise<void> {
  const current = pool
  pool = undefined
  workers = 0
  await current?.destroy()
}

/**
 * The engine's parser: a placeholder tree; the per-file transformer parses
 * (in a worker or in process) and drops the tree when the file is done.
 */
export function placeholderParse(this: Processor): void {
  this.parser = () => ({type: 'root', children: []}) as Node
}

/** A file waiting for a thread. */
interface Job {
  task: Task
  resolve(outcome: Outcome): void
  reject(error: unknown): void
}

// One queue for every linting thread. The engine starts every file's
// transform at once; workers and the main thread each take the next file
// when they are free, so a slow document holds up no one. In this thread,
// files run one at a time (each document is parsed, linted and dropped
// before the next: with all started together, 1,000 articles held 1.2 GB).
const waiting: Job[] = []
let next = 0
let inWorkers = 0
let mainBusy = false

/** Lint a task on whichever thread is free first. */
function schedule(task: Task): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    waiting.push({task, resolve, reject})
    pump()
  })
}

/** Hand waiting files to free threads. */
function pump(): void {
  // Two files per worker: it starts the next without waiting for this
  // thread, which may be busy linting, to answer.
  while (pool && inWorkers < workers * 2 && next < waiting.length) {
    const job = take()
    inWorkers++
    settle(job, pool.run(job.task) as Promise<Outcome>, () => inWorkers--)
  }
  if (!mainBusy && next < waiting.length) {
    mainBusy = true
    // Yield first, so workers' answers and the engine's reads go on.
    setImmediate(runOnMain)
  }
}

/** Lint the next waiting file in this thread. */
function runOnMain(): void {
  if (next >= waiting.length) {
    mainBusy = false
    return
  }
  const job = take()
  settle(job, runTask(job.task), () => (mainBusy = false))
}

/** Hand a job its outcome, free its thread, and give out more work. */
function settle(job: Job, outcome: Promise<Outcome>, free: () => void): void {
  outcome.then(job.resolve, job.reject).finally(() => {
    free()
    pump()
  })
}

/** The next waiting job (the list is emptied once every job is taken). */
function take(): Job {
  const job = waiting[next++]!
  if (next === waiting.length) {
    waiting.length = 0
    next = 0
  }
  return job
}

/**
 * The CLI's plugin: lint each file with its configuration (resolved as
 * `.mtlintrc` and the flags give it), in this thread or a pool worker,
 * whichever is free.
 */
export function mtlintPerFile(this: Processor, config?: Config | undefined) {
  const resolved: Config = config ?? {}
  // Resolve here too (cached): a broken configuration or glossary fails in
  // the main thread exactly as it does without the pool.
  resolveConfig(resolved)
  const scoring = scoringOf(resolved)
  return async function (_tree: Node, file: VFile): Promise<void> {
    const task: Task = {path: file.path, value: String(file.value ?? ''), config: resolved}
    const outcome = await schedule(task)
    if ('problems' in outcome) throw new MtlintConfigError(outcome.problems)
    file.data.mtlintFindings = outcome.messages
    if (outcome.words !== undefined) file.data.mtlintWords = outcome.words
    file.data.mtlintScoring = scoring
  }
}

/**
 * Put a file's findings on it, once the engine is done with every file.
 *
 * They wait on `file.data` while the engine runs: its queue step, run as
 * each file arrives, reads every file's messages (quadratic in the number
 * of files: ~0.2 s at 1,000 articles), and takes a file with a fatal
 * message — an `error` finding — for a failed one it stops waiting for,
 * so such a file arriving after the others had flushed left the engine
 * without a callback and the process exited silently with code 0.
 */
export function restoreFindings(file: VFile): void {
  const findings = file.data.mtlintFindings
  if (!findings) return
  delete file.data.mtlintFindings
  for (const message of findings) restoreMessage(file, message)
}

declare module 'vfile' {
  interface DataMap {
    /** A file's findings, serialised, until `restoreFindings` (CLI only). */
    mtlintFindings: SerializedMessage[]
  }
}
