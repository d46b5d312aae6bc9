/**
 * The article score: MQM-style penalty points per 1,000 words.
 *
 * Each finding weighs by its severity — info is a *minor* issue (1 point),
 * a warning a *major* one (5), an error a *critical* one (10) — and the sum is
 * divided by the words of the document's prose (code, URLs, front matter and
 * markup are not words) and multiplied by 1,000, so a long article is not
 * punished for its length. A project overrides the weights with
 * `weights: {minor, major, critical}` and sets a gate with `maxScore` in
 * `.mtlintrc` (or `--max-score N`).
 *
 * The word count is taken from the nlcst tree while the file is linted and
 * kept on `file.data`, with the scoring configuration the file resolved, so
 * reporters need neither the tree nor the configuration.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/** Penalty points per severity, named as MQM names them. */
export interface Weights {
  /** An info finding. */
  minor: number
  /** A warning. */
  major: number
  /** An error. */
  critical: number
}

/** The scoring settings a file resolved from its configuration. */
export interface ScoringConfig {
  /** Fail when the score exceeds this. */
  maxScore?: number | undefined
  /** Weights overriding the defaults (any subset). */
  weights?: Partial<Record<string, number>> | undefined
}

/** One file's score. */
export interface FileScore {
  /** Prose words. */
  words: number
  /** Findings by MQM severity. */
  minor: number
  /** Warnings. */
  major: number
  /** Errors. */
  critical: number
  /** Sum of weighted findings. */
  points: number
  /** Points per 1,000 words, rounded to two decimals. */
  score: number
  /** The gate, when one is set. */
  maxScore?: number
  /** Whether the score exceeds the gate. */
  failed: boolean
}

declare module 'vfile' {
  interface DataMap {
    /** Prose words of the document (set while linting). */
    mtlintWords: number
    /** The file's resolved scoring configuration (set by the Node plugin). */
    mtlintScoring: ScoringConfig
  }
}

/** Default weights: minor (info) 1, major (warning) 5, critical (error) 10. */
export const defaultWeights: Readonly<Weights> = Object.freeze({minor: 1, major: 5, critical: 10})

/** Count the words of an nlcst tree (source nodes — code, URLs — hold no words). */
export function countWords(tree: Root): number {
  // A plain walk: `unist-util-visit` builds an ancestor list per node and
  // cost 10% of a CLI run here (bench/NOTES.md).
  let count = 0
  const walk = (node: {type: string; children?: unknown[]}) => {
    if (node.type === 'WordNode') count++
    else if (node.children) for (const child of node.children) walk(child as {type: string; children?: unknown[]})
  }
  walk(tree)
  return count
}

/** A transformer plugin that records the word count on `file.data.mtlintWords`. */
export function mtlintWordCount() {
  return function (tree: Root, file: VFile): void {
    file.data.mtlintWords = countWords(tree)
  }
}

/** The weights a scoring configuration resolves to. */
export function resolveWeights(weights?: Partial<Record<string, number>>): Weights {
  return {
    minor: weights?.['minor'] ?? defaultWeights.minor,
    major: weights?.['major'] ?? defaultWeights.major,
    critical: weights?.['critical'] ?? defaultWeights.critical
  }
}

/** Whether a message is an mtlint finding (not an engine or input error). */
export function isFinding(message: VFileMessage): boolean {
  return message.source === 'mtlint'
}

/**
 * Score a file from its findings.
 *
 * @param file
 *   A linted file (`file.data.mtlintWords` set while linting).
 * @param override
 *   Scoring settings that win over the file's own (tests, the library).
 */
export function scoreFile(file: VFile, override: ScoringConfig = {}): FileScore {
  const config: ScoringConfig = {...file.data.mtlintScoring, ...stripUndefined(override)}
  const weights = resolveWeights(config.weights)
  const words = file.data.mtlintWords ?? 0
  let minor = 0
  let major = 0
  let critical = 0
  for (const message of file.messages) {
    if (!isFinding(message)) continue
    if (message.fatal === true) critical++
    else if (message.fatal === false) major++
    else minor++
  }
  const points = minor * weights.minor + major * weights.major + critical * weights.critical
  // A document without prose words can still hold findings (a title alone):
  // count them against one word rather than divide by zero.
  const score = points === 0 ? 0 : Math.round((points / Math.max(words, 1)) * 1000 * 100) / 100
  const result: FileScore = {words, minor, major, critical, points, score, failed: false}
  if (config.maxScore !== undefined) {
    result.maxScore = config.maxScore
    result.failed = score > config.maxScore
  }
  return result
}

/** Format a score for people: one decimal. */
export function formatScore(score: number): string {
  return score.toFixed(1)
}

function stripUndefined(config: ScoringConfig): ScoringConfig {
  const result: ScoringConfig = {}
  if (config.maxScore !== undefined) result.maxScore = config.maxScore
  if (config.weights !== undefined) result.weights = config.weights
  return result
}
