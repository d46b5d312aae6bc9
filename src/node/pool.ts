/**
 * Linting many files on every core: a tinypool of worker threads running
 * `worker.js`. unified-engine still finds the files, reads them and applies
 * configuration and ignore files in the main thread; the pooled plugin sends
 * each file's text and resolved configuration to a worker and restores the
 * messages. The engine keeps files in their order, so reports are stable.
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
import type {Outcome, Task} from '../worker.js'

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
  pool ??= new Tinypool({filename: workerFile, minThreads: 1, maxThreads: threads, idleTimeout: 1000})
  return pool
}

/** Stop the pool (so the process can exit). */
export async function stopPool(): Promise<void> {
  const current = pool
  pool = undefined
  await current?.destroy()
}

/**
 * The parser used with the pool: the main thread does not parse; it hands a
 * placeholder tree to the pooled transformer.
 */
export function pooledParse(this: Processor): void {
  this.parser = () => ({type: 'root', children: []}) as Node
}

/** The pooled counterpart of `mtlintNode`: lint in a worker with this file's configuration. */
export function mtlintPooled(this: Processor, config?: Config | undefined) {
  const resolved: Config = config ?? {}
  // Resolve here too (cached): a broken configuration or glossary fails in
  // the main thread exactly as it does without the pool.
  resolveConfig(resolved)
  const scoring = scoringOf(resolved)
  return async function (_tree: Node, file: VFile): Promise<void> {
    const active = pool
    if (!active) throw new Error('mtlint: the worker pool is not started')
    const task: Task = {path: file.path, value: String(file.value ?? ''), config: resolved}
    const outcome = (await active.run(task)) as Outcome
    if ('problems' in outcome) throw new MtlintConfigError(outcome.problems)
    for (const message of outcome.messages) restoreMessage(file, message)
    if (outcome.words !== undefined) file.data.mtlintWords = outcome.words
    file.data.mtlintScoring = scoring
  }
}
