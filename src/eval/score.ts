/**
 * Score lint messages against an annotated corpus, exactly as the corpus
 * README says: a finding is found when a message's range overlaps it; a
 * message overlapping no finding is a false positive, counted on clean spans,
 * in control texts, or elsewhere, and per 1,000 words.
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {location} from 'vfile-location'
import {lint} from '../index.js'
import type {MtlintMessageFields} from '../rule.js'
import {spansOverlap, type Confidence, type Corpus, type CorpusText, type Span} from './corpus.js'

/**
 * A lint function: the text and its path (the extension picks the document
 * type) → the messages. The default runs mtlint; pass another (e.g.
 * retext-spell alone) to measure a baseline with the same scoring.
 */
export type LintFunction = (value: string, path: string) => Promise<VFile | readonly VFileMessage[]>

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Count only findings at least this sure (`certain` drops `likely` ones from recall; default: `likely`, all). */
  minConfidence?: Confidence | undefined
  /** What to run (default: mtlint through `lint()`, the same processor factory as the CLI). */
  lint?: LintFunction | undefined
}

/** Found / total / recall of a group of findings. */
export interface Tally {
  /** Findings found. */
  found: number
  /** Findings counted. */
  total: number
  /** `found / total` (0 when there are none). */
  recall: number
}

/** Where a false positive fell. */
export type FalsePositiveKind = 'clean' | 'control' | 'elsewhere'

/** False-positive counts. */
export interface FalsePositiveTally {
  /** All false positives. */
  falsePositives: number
  /** On a clean span (correct English an annotator marked). */
  clean: number
  /** In a control text (human-written English). */
  control: number
  /** Anywhere else (perhaps an unannotated issue; perhaps noise). */
  elsewhere: number
  /** False positives per 1,000 words of the whole corpus. */
  fpPer1000: number
}

/** Per-rule figures. */
export interface RuleTally extends FalsePositiveTally {
  /** Messages the rule emitted (with a place). */
  messages: number
  /** Messages overlapping at least one finding. */
  true: number
}

/** One finding that no message overlapped. */
export interface Miss {
  /** Text file. */
  file: string
  /** 1-based line (as vfile counts). */
  line: number
  /** 1-based column in UTF-16 code units. */
  column: number
  /** The finding's text. */
  text: string
  /** Its category. */
  category: string
  /** Its confidence. */
  confidence: Confidence
  /** Index in the annotation's `findings`. */
  index: number
}

/** One message that overlapped no finding. */
export interface FalsePositive {
  /** Text file. */
  file: string
  /** 1-based line. */
  line: number
  /** 1-based column in UTF-16 code units. */
  column: number
  /** The flagged text. */
  text: string
  /** The rule (`glossary` for glossary entries). */
  rule: string
  /** The message's own id (the glossary entry id for glossary findings). */
  ruleId: string
  /** The message's reason. */
  reason: string
  /** Where it fell. */
  kind: FalsePositiveKind
}

/** Figures for one text. */
export interface TextResult extends Tally {
  /** Text file. */
  file: string
  /** Words. */
  words: number
  /** False positives. */
  falsePositives: number
}

/** The result of an evaluation. */
export interface EvalResult {
  /** The folders evaluated. */
  dirs: string[]
  /** Which findings were counted. */
  minConfidence: Confidence
  /** Texts. */
  texts: number
  /** Words over all texts. */
  words: number
  /** Messages with a place (messages without one cannot be scored and are counted in `unplaced`). */
  messages: number
  /** Messages without a place. */
  unplaced: number
  /** Messages overlapping a finding. */
  truePositives: number
  /** Overall recall and false positives. */
  overall: Tally & FalsePositiveTally
  /** Recall per finding category (categories with findings only). */
  byCategory: Record<string, Tally>
  /** Recall per source language. */
  byLanguage: Record<string, Tally>
  /** Recall on `certain` findings only, overall and per category (the same as above under `--min-confidence certain`). */
  certain: {overall: Tally; byCategory: Record<string, Tally>}
  /** Messages, true and false positives per rule (`rule` field; glossary entries grouped as `glossary`). */
  byRule: Record<string, RuleTally>
  /** Per text. */
  byText: TextResult[]
  /** Findings no message overlapped. */
  misses: Miss[]
  /** Messages overlapping no finding. */
  falsePositives: FalsePositive[]
}

/** The default lint function: mtlint with the built-in pack, type from the path. */
export const lintWithMtlint: LintFunction = (value, path) => lint(value, {path})

/** The rule a message belongs to: mtlint's `rule` field, else its source (another linter), else its id. */
export function ruleOf(message: VFileMessage): string {
  const rule = (message as VFileMessage & MtlintMessageFields).rule
  if (rule) return rule
  if (message.source && message.source !== 'mtlint') return message.source
  return message.ruleId ?? 'unknown'
}

/**
 * The offsets a message covers, or `undefined` when it has no place.
 * A point (no end) is an empty range.
 */
export function messageSpan(message: VFileMessage, toOffset: (point: {line: number; column: number}) => number | undefined): Span | undefined {
  const place = message.place
  if (!place) return undefined
  const start = 'start' in place ? place.start : place
  const end = 'start' in place ? place.end : place
  const from = start.offset ?? toOffset(start)
  const to = end.offset ?? toOffset(end)
  if (from === undefined || to === undefined) return undefined
  return {start: from, end: Math.max(from, to)}
}

/**
 * Whether a message range hits a finding. Ranges are half-open, so a message
 * ending exactly where the finding starts does not; an empty range (a point,
 * such as "missing space here") hits the finding it points into.
 */
export function hits(message: Span, finding: Span): boolean {
  if (message.start === message.end) return finding.start <= message.start && message.start < finding.end
  return spansOverlap(message, finding)
}

function emptyFalsePositives(): FalsePositiveTally {
  return {falsePositives: 0, clean: 0, control: 0, elsewhere: 0, fpPer1000: 0}
}

function bump(tallies: Record<string, Tally>, key: string, found: boolean): void {
  const tally = (tallies[key] ??= {found: 0, total: 0, recall: 0})
  tally.total++
  if (found) tally.found++
}

function finish(tally: Tally): void {
  tally.recall = tally.total === 0 ? 0 : tally.found / tally.total
}

function perThousand(count: number, words: number): number {
  return words === 0 ? 0 : (count * 1000) / words
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * Lint every text of a corpus and score the messages.
 *
 * @param corpus
 *   A corpus from `loadCorpus`.
 * @param options
 *   `minConfidence`, and an alternative `lint` function for baselines.
 * @returns
 *   Recall overall, per category, per source language; false positives split
 *   by where they fell; figures per rule and per text; the misses and false
 *   positives themselves.
 */
export async function evaluate(corpus: Corpus, options: EvaluateOptions = {}): Promise<EvalResult> {
  const run = options.lint ?? lintWithMtlint
  const minConfidence = options.minConfidence ?? 'likely'
  const result: EvalResult = {
    dirs: corpus.dirs,
    minConfidence,
    texts: corpus.texts.length,
    words: 0,
    messages: 0,
    unplaced: 0,
    truePositives: 0,
    overall: {found: 0, total: 0, recall: 0, ...emptyFalsePositives()},
    byCategory: {},
    byLanguage: {},
    certain: {overall: {found: 0, total: 0, recall: 0}, byCategory: {}},
    byRule: {},
    byText: [],
    misses: [],
    falsePositives: []
  }

  for (const text of corpus.texts) {
    result.words += text.words
    const outcome = await run(text.value, text.path)
    const messages = Array.isArray(outcome) ? (outcome as readonly VFileMessage[]) : (outcome as VFile).messages
    scoreText(text, messages, minConfidence, result)
  }

  const {certain} = result
  for (const tally of [result.overall, certain.overall, ...Object.values(result.byCategory), ...Object.values(certain.byCategory), ...Object.values(result.byLanguage), ...result.byText]) finish(tally)
  certain.byCategory = sortedRecord(certain.byCategory)
  result.overall.fpPer1000 = perThousand(result.overall.falsePositives, result.words)
  for (const tally of Object.values(result.byRule)) tally.fpPer1000 = perThousand(tally.falsePositives, result.words)
  result.byCategory = sortedRecord(result.byCategory)
  result.byLanguage = sortedRecord(result.byLanguage)
  result.byRule = sortedRecord(result.byRule)
  return result
}

/** Score one text's messages into `result`. */
function scoreText(text: CorpusText, messages: readonly VFileMessage[], minConfidence: Confidence, result: EvalResult): void {
  const place = location(text.value)
  const toOffset = (point: {line: number; column: number}) => place.toOffset(point)
  const counted = text.findings.filter((d) => minConfidence === 'likely' || d.confidence === 'certain')
  const found = new Set<number>()
  const perText: TextResult = {file: text.path, words: text.words, found: 0, total: counted.length, recall: 0, falsePositives: 0}

  for (const message of messages) {
    const span = messageSpan(message, toOffset)
    if (!span) {
      result.unplaced++
      continue
    }
    const rule = ruleOf(message)
    const tally = (result.byRule[rule] ??= {messages: 0, true: 0, ...emptyFalsePositives()})
    tally.messages++
    result.messages++
    // Every annotated finding (of any confidence) makes a message right:
    // `--min-confidence certain` narrows recall, it does not turn a message
    // on a `likely` finding into a false positive.
    const overlapped = text.findings.filter((d) => hits(span, d))
    if (overlapped.length > 0) {
      tally.true++
      result.truePositives++
      for (const finding of overlapped) found.add(finding.index)
      continue
    }
    const kind: FalsePositiveKind = text.cleanSpans.some((d) => hits(span, d)) ? 'clean' : text.kind === 'control' ? 'control' : 'elsewhere'
    tally.falsePositives++
    tally[kind]++
    result.overall.falsePositives++
    result.overall[kind]++
    perText.falsePositives++
    const point = place.toPoint(span.start)
    result.falsePositives.push({
      file: text.path,
      line: point?.line ?? 1,
      column: point?.column ?? 1,
      text: text.value.slice(span.start, span.end),
      rule,
      ruleId: message.ruleId ?? rule,
      reason: message.reason,
      kind
    })
  }

  for (const finding of [...counted].sort((a, b) => a.start - b.start)) {
    const isFound = found.has(finding.index)
    bump(result.byCategory, finding.category, isFound)
    bump(result.byLanguage, text.sourceLanguage, isFound)
    if (finding.confidence === 'certain') {
      bump(result.certain.byCategory, finding.category, isFound)
      result.certain.overall.total++
      if (isFound) result.certain.overall.found++
    }
    result.overall.total++
    if (isFound) {
      result.overall.found++
      perText.found++
    } else {
      const point = place.toPoint(finding.start)
      result.misses.push({
        file: text.path,
        line: point?.line ?? 1,
        column: point?.column ?? 1,
        text: finding.text,
        category: finding.category,
        confidence: finding.confidence,
        index: finding.index
      })
    }
  }
  result.byText.push(perText)
}
