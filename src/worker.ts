/**
 * A pool worker: lints one document with the full pipeline and returns its
 * messages as plain data. The CLI sends files here when it lints many, so
 * both cores work; each worker builds its pack and dictionaries once.
 */
import {VFileMessage} from 'vfile-message'
import {VFile} from 'vfile'
import {createProcessor} from './index.js'
import {isConfigError, type Problem} from './errors.js'
import type {Config} from './node/config.js'
import {serializeMessage, type SerializedMessage} from './node/serialize.js'

/** One task. */
export interface Task {
  /** File path (picks the document type). */
  path: string
  /** Document text. */
  value: string
  /** The resolved configuration for this file (absolute paths). */
  config: Config
}

/** What a worker returns: messages and the prose word count (for the score), or the configuration problems that stopped it. */
export type Outcome = {messages: SerializedMessage[]; words?: number} | {problems: Problem[]}

const processors = new Map<string, ReturnType<typeof createProcessor>>()
/** The processor last handed out, by the configuration object it was made for. */
let last: {config: Config; processor: ReturnType<typeof createProcessor>} | undefined

/**
 * One processor per configuration for the worker's life (a CLI run): built
 * per file, its attachers, settings resolution and glossary stat calls cost
 * more than some rules (bench/NOTES.md).
 */
function processorFor(config: Config): ReturnType<typeof createProcessor> {
  // In the main thread every file of a run hands over the same object:
  // skip serialising it per file.
  if (config === last?.config) return last.processor
  const key = JSON.stringify(config)
  let processor = processors.get(key)
  if (!processor) {
    processor = createProcessor(config)
    processors.set(key, processor)
  }
  last = {config, processor}
  return processor
}

/** Messages in document order, as `lint` returns them. */
function byOffset(a: VFileMessage, b: VFileMessage): number {
  return (a.place && 'start' in a.place ? a.place.start.offset ?? 0 : 0) - (b.place && 'start' in b.place ? b.place.start.offset ?? 0 : 0)
}

/**
 * Lint one document. Errors do not cross threads with their fields, so
 * configuration problems and whole-document failures come back as data.
 */
export default async function run(task: Task): Promise<Outcome> {
  try {
    const file = new VFile({value: task.value, path: task.path})
    const processor = processorFor(task.config)
    await processor.run(processor.parse(file), file)
    file.messages.sort(byOffset)
    return {messages: file.messages.map(serializeMessage), words: file.data.mtlintWords ?? 0}
  } catch (error) {
    if (isConfigError(error)) return {problems: error.problems}
    if (error instanceof VFileMessage) return {messages: [{...serializeMessage(error), fatal: true}]}
    throw error
  }
}
