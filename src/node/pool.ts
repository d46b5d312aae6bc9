/**
 * How the CLI lints each file: unified-engine finds the files, reads them
 * and applies configuration and ignore files in the main thread; its parser
 * is a placeholder, and the per-file plugin hands the text and the resolved
 * configuration to `worker.js`'s `run` — in a tinypool of worker threads
 * when many files are linted, else in this thread — and restores the
 * messages. The engine keeps files in their order, so reports are stable.
 *
 * The engine holds every file's tree until the last file is done (its
 * `queue` step), so a tree parsed by the engine lives for the whole run
 * (1,000 articles held 1.2 GB). Here each document's nlcst is made and
 * dropped inside one transform, in the pool and in process alike.
 */
import os from 'node:os'
import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import Tinypool from 'tinypool'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import type {Node} from 'unist'
import {resolveConfig, type Config} from './config.js'
import {restoreMessage} from './serialize.js'
import {MtlintConfigError} from '../errors.js'
import {scoringOf} from './plugin.js'
import runTask, {type Outcome, type Task} from '../worker.js'

/**
 * The worker module: beside this file when it is the esbuild bundle
 * (`dist/bundle/worker.js`, one file for a thread to load), else the
 * compiled module (`dist/worker.js`, from `dist/node/pool.js`).
 */
const workerFile = [new URL('worker.js', import.meta.url), new URL('../worker.js', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((file) => existsSync(file)) ?? fileURLToPath(new URL('../worker.js', import.meta.url))

let pool: Tinypool | undefined

/** Whether pooling is possible here (the compiled worker exists: not under a TS loader). */
export function canPool(): boolean {
  return existsSync(workerFile)
}

/** How many workers to use by default: every core but one for the main thread, at least 2. */
export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
  return Math.max(1, cores)
}

/** Start (or reuse) the pool. */
export function startPool(threads: number): Tinypool {
  pool ??= new Tinypool({
    filename: workerFile,
    minThreads: 1,
    maxThreads: threads,
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
  await current?.destroy()
}

/**
 * The engine's parser: a placeholder tree; the per-file transformer parses
 * (in a worker or in process) and drops the tree when the file is done.
 */
export function placeholderParse(this: Processor): void {
  this.parser = () => ({type: 'root', children: []}) as Node
}

let inProcessQueue: Promise<unknown> = Promise.resolve()

/**
 * Lint in this thread, one file at a time: the engine starts every file's
 * transform at once, and the spelling rule awaits its dictionary, so without
 * a queue every document would be parsed before the first one finished.
 */
function inProcess(task: Task): Promise<Outcome> {
  const result = inProcessQueue.then(() => runTask(task))
  inProcessQueue = result.catch(() => undefined)
  return result as Promise<Outcome>
}

/**
 * The CLI's plugin: lint each file with its configuration (resolved as
 * `.mtlintrc` and the flags give it), in the pool when it is started, else
 * in this thread.
 */
export function mtlintPerFile(this: Processor, config?: Config | undefined) {
  const resolved: Config = config ?? {}
  // Resolve here too (cached): a broken configuration or glossary fails in
  // the main thread exactly as it does without the pool.
  resolveConfig(resolved)
  const scoring = scoringOf(resolved)
  return async function (_tree: Node, file: VFile): Promise<void> {
    const task: Task = {path: file.path, value: String(file.value ?? ''), config: resolved}
    const outcome = (pool ? await pool.run(task) : await inProcess(task)) as Outcome
    if ('problems' in outcome) throw new MtlintConfigError(outcome.problems)
    for (const message of outcome.messages) restoreMessage(file, message)
    if (outcome.words !== undefined) file.data.mtlintWords = outcome.words
    file.data.mtlintScoring = scoring
  }
}
