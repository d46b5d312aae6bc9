/**
 * unified-engine's `queue` step, linear instead of quadratic; the bundled
 * `mtlint` executable uses it in place of the engine's own
 * (`lib/file-pipeline/queue.js`, see `src/build-bundle.ts`).
 *
 * The step holds each file until every file of the run has come this far,
 * then runs the file-set pipeline once and lets them all go on. The
 * engine's version checks every file each time one arrives: 1,000 files
 * cost ~0.15 s, 3,000 ~1 s, 10,000 ~11 s, so an archive could not be linted
 * in one run. Here each run remembers how many files, from the start, are
 * known to be ready; files arrive in about the order they were given, so
 * each check moves on from where the last one stopped.
 *
 * Readiness is as in the engine: a file is ready when it has arrived, has a
 * fatal message, or is ignored — and stays so until the flush.
 */
import type {VFile} from 'vfile'

/** What the step reads of the engine's file set. */
interface FileSet {
  complete: Record<string, (error?: Error) => void>
  valueOf(): VFile[]
  pipeline: {run(fileSet: FileSet, done: (error?: Error) => void): void}
}

// Per waiting map (the engine replaces it at each flush): how many files,
// from the first, are ready.
const readyPrefix = new WeakMap<object, number>()

/** The engine's file-pipeline `queue` step. */
export function queue(context: {fileSet: FileSet}, file: VFile, next: (error?: Error) => void): void {
  const waiting = context.fileSet.complete
  waiting[file.history[0]!] = next

  const files = context.fileSet.valueOf()
  let index = readyPrefix.get(waiting) ?? 0
  while (index < files.length && ready(files[index]!, waiting)) index++
  readyPrefix.set(waiting, index)
  if (index < files.length) return

  context.fileSet.complete = {}
  context.fileSet.pipeline.run(context.fileSet, function (error) {
    for (const origin of Object.keys(waiting)) waiting[origin]!(error)
  })
}

function ready(file: VFile, waiting: FileSet['complete']): boolean {
  return (
    typeof waiting[file.history[0]!] === 'function' ||
    Boolean(file.data['unifiedEngineIgnored']) ||
    file.messages.some((message) => message.fatal === true)
  )
}
