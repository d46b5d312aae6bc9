/**
 * Load an annotated corpus (the format of `corpus/` and
 * `../shared/corpus-real/`, see its README): every `NNN.json` annotation with
 * its `NNN.txt` / `.md` / `.html` text, validated on load so a broken
 * annotation stops the evaluation instead of silently skewing the numbers.
 */
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {location} from 'vfile-location'
import {isNode, parseDocument} from 'yaml'
import {categoryNames, type CategoryName} from '../types.js'

/** How sure the annotator is: `certain`, or `likely` (a lenient reader might let it pass). */
export type Confidence = 'certain' | 'likely'

/** `mt` (machine-translated output) or `control` (human-written English, no findings). */
export type TextKind = 'mt' | 'control'

/** A half-open range of UTF-16 offsets into a text. */
export interface Span {
  /** Offset of the first character. */
  start: number
  /** Offset after the last character. */
  end: number
}

/** One annotated finding, resolved to its place in the text. */
export interface Finding extends Span {
  /** Index in the annotation's `findings` array (0-based, for messages). */
  index: number
  /** The annotated text (an exact substring). */
  text: string
  /** Which occurrence of `text` (1-based). */
  occurrence: number
  /** Category. */
  category: CategoryName
  /** Confidence. */
  confidence: Confidence
  /** The right English (`''` means delete). */
  suggestion: string
  /** The source-language term or the reason. */
  note?: string | undefined
}

/** One annotated text of the corpus. */
export interface CorpusText {
  /** Path of the text file (as given: relative when the folder was relative). */
  path: string
  /** Path of the annotation file. */
  annotationPath: string
  /** The text, exactly as read (UTF-8; line endings and BOM kept). */
  value: string
  /** Source language (`fr`, `de`, `es`, `it`, `en` for controls). */
  sourceLanguage: string
  /** `mt` or `control`. */
  kind: TextKind
  /** Findings, in annotation order. */
  findings: Finding[]
  /** Every occurrence of every clean span (correct English that must stay silent). */
  cleanSpans: Array<Span & {text: string}>
  /** Number of words (whitespace-separated tokens, as the corpus READMEs count them). */
  words: number
}

/** A loaded corpus. */
export interface Corpus {
  /** The folders it was read from. */
  dirs: string[]
  /** Its texts, sorted by path. */
  texts: CorpusText[]
}

/** One problem found in an annotation. */
export interface AnnotationProblem {
  /** The annotation file. */
  file: string
  /** Where in it (`findings[3]`, `clean_spans[0]`, or empty for the whole file). */
  where: string
  /** 1-based line of that place in the annotation file, when known. */
  line?: number | undefined
  /** 1-based column of that place, when known. */
  column?: number | undefined
  /** What is wrong. */
  reason: string
}

/** Thrown when a corpus cannot be evaluated: lists every problem with file and place. */
export class CorpusError extends Error {
  /** The problems. */
  readonly problems: AnnotationProblem[]

  constructor(problems: AnnotationProblem[]) {
    super(
      'Broken corpus annotation' +
        (problems.length === 1 ? '' : 's (' + problems.length + ')') +
        ':\n' +
        problems.map((d) => '  ' + d.file + (d.line ? ':' + d.line + ':' + (d.column ?? 1) : '') + (d.where ? ': ' + d.where : '') + ': ' + d.reason).join('\n')
    )
    this.name = 'CorpusError'
    this.problems = problems
  }
}

/** Extensions a corpus text may have, in the order they are looked for. */
export const textExtensions = ['.txt', '.md', '.markdown', '.html', '.htm', '.text']

/** Keys that mark a JSON file as an annotation (other JSON files, e.g. `gate.json`, are skipped). */
const annotationKeys = ['findings', 'clean_spans', 'kind', 'source_language']

const confidences = new Set<string>(['certain', 'likely'])
const kinds = new Set<string>(['mt', 'control'])
const categories = new Set<string>(categoryNames)

/** Count words as the corpus READMEs do: whitespace-separated tokens. */
export function countWords(value: string): number {
  let count = 0
  for (const token of value.split(/\s+/)) if (token) count++
  return count
}

/**
 * Start offsets of the non-overlapping occurrences of `needle`, left to right
 * (as `str.count` / repeated `indexOf` count them, the way annotators number
 * `occurrence`).
 */
export function occurrences(haystack: string, needle: string): number[] {
  const result: number[] = []
  if (!needle) return result
  let from = 0
  for (;;) {
    const index = haystack.indexOf(needle, from)
    if (index === -1) return result
    result.push(index)
    from = index + needle.length
  }
}

/** Whether two half-open ranges share at least one character. */
export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end
}

/** Annotation files under a folder, recursively (dot folders and `node_modules` skipped). */
function annotationFiles(dir: string): string[] {
  const result: string[] = []
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue
      const full = path.join(folder, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith('.json')) result.push(full)
    }
  }
  walk(dir)
  return result
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Where `findings[3]` (or `kind`, `clean_spans[0]` …) is written in an
 * annotation's JSON, so an error points at the line to fix. JSON is YAML, and
 * the YAML parser keeps source ranges.
 */
function locate(json: string, where: string): {line?: number; column?: number} {
  const match = /^(\w+)(?:\[(\d+)\])?/.exec(where)
  if (!match) return {}
  const keys: Array<string | number> = match[2] === undefined ? [match[1]!] : [match[1]!, Number(match[2])]
  try {
    const node: unknown = parseDocument(json).getIn(keys, true)
    const offset = isNode(node) ? node.range?.[0] : undefined
    const point = offset === undefined ? undefined : location(json).toPoint(offset)
    return point ? {line: point.line, column: point.column} : {}
  } catch {
    return {}
  }
}

function quote(text: string): string {
  const short = text.length > 50 ? text.slice(0, 47) + '…' : text
  return JSON.stringify(short)
}

/**
 * Validate one annotation against its text.
 *
 * @returns
 *   The text, or `undefined` when the file is not an annotation.
 */
function loadText(annotationPath: string, problems: AnnotationProblem[]): CorpusText | undefined {
  let json = ''
  const fail = (where: string, reason: string) => problems.push({file: annotationPath, where, ...locate(json, where), reason})
  let data: unknown
  try {
    json = readFileSync(annotationPath, 'utf8')
    data = JSON.parse(json)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    // V8 says "… at position N": turn it into a line and column.
    const position = /position (\d+)/.exec(reason)
    const point = position ? location(json).toPoint(Number(position[1])) : undefined
    problems.push({file: annotationPath, where: '', line: point?.line, column: point?.column, reason: 'invalid JSON: ' + reason})
    return undefined
  }
  if (!isRecord(data) || !annotationKeys.some((d) => d in data)) return undefined

  const base = annotationPath.slice(0, -'.json'.length)
  const candidates = textExtensions.map((d) => base + d).filter((d) => existsSync(d))
  if (candidates.length === 0) {
    fail('', 'no text next to it (expected ' + path.basename(base) + '.txt, .md or .html)')
    return undefined
  }
  if (candidates.length > 1) {
    fail('', 'several texts next to it (' + candidates.map((d) => path.basename(d)).join(', ') + '): keep one')
    return undefined
  }
  const textPath = candidates[0]!
  const value = readFileSync(textPath, 'utf8')
  const before = problems.length

  const kind = data['kind']
  if (typeof kind !== 'string' || !kinds.has(kind)) fail('kind', 'must be "mt" or "control" (got ' + JSON.stringify(kind) + ')')
  const sourceLanguage = data['source_language']
  if (typeof sourceLanguage !== 'string' || !sourceLanguage) fail('source_language', 'must be a language code such as "fr" (got ' + JSON.stringify(sourceLanguage) + ')')

  const rawFindings = data['findings']
  const findings: Finding[] = []
  if (!Array.isArray(rawFindings)) {
    fail('findings', 'must be an array (empty for a control text)')
  } else {
    if (kind === 'control' && rawFindings.length > 0) fail('findings', 'a control text must have no findings (it is correct English)')
    const seen = new Map<string, number>()
    rawFindings.forEach((raw: unknown, index) => {
      const where = 'findings[' + index + ']'
      if (!isRecord(raw)) return fail(where, 'must be an object')
      const text = raw['text']
      if (typeof text !== 'string' || !text) return fail(where, '`text` must be a non-empty string')
      const label = where + ' ' + quote(text)
      const starts = occurrences(value, text)
      if (starts.length === 0) return fail(label, 'not found in ' + path.basename(textPath) + ' (`text` must be an exact substring)')
      let occurrence = 1
      const given = raw['occurrence']
      if (given === undefined) {
        if (starts.length > 1) return fail(label, 'occurs ' + starts.length + ' times: add `occurrence` (1–' + starts.length + ')')
      } else if (typeof given !== 'number' || !Number.isInteger(given) || given < 1 || given > starts.length) {
        return fail(label, '`occurrence` must be an integer from 1 to ' + starts.length + ' (got ' + JSON.stringify(given) + ')')
      } else {
        occurrence = given
      }
      const category = raw['category']
      if (typeof category !== 'string' || !categories.has(category)) {
        return fail(label, '`category` must be one of ' + categoryNames.join(', ') + ' (got ' + JSON.stringify(category) + ')')
      }
      const confidence = raw['confidence']
      if (typeof confidence !== 'string' || !confidences.has(confidence)) {
        return fail(label, '`confidence` must be "certain" or "likely" (got ' + JSON.stringify(confidence) + ')')
      }
      const suggestion = raw['suggestion'] ?? ''
      if (typeof suggestion !== 'string') return fail(label, '`suggestion` must be a string')
      const note = raw['note']
      if (note !== undefined && typeof note !== 'string') return fail(label, '`note` must be a string')
      const key = text + '\0' + occurrence
      const previous = seen.get(key)
      if (previous !== undefined) return fail(label, 'annotates the same occurrence as findings[' + previous + ']')
      seen.set(key, index)
      const start = starts[occurrence - 1]!
      findings.push({
        index,
        text,
        occurrence,
        category: category as CategoryName,
        confidence: confidence as Confidence,
        suggestion,
        note,
        start,
        end: start + text.length
      })
    })
  }

  const rawClean = data['clean_spans'] ?? []
  const cleanSpans: CorpusText['cleanSpans'] = []
  if (!Array.isArray(rawClean)) {
    fail('clean_spans', 'must be an array of strings')
  } else {
    rawClean.forEach((raw: unknown, index) => {
      const where = 'clean_spans[' + index + ']'
      if (typeof raw !== 'string' || !raw) return fail(where, 'must be a non-empty string')
      const starts = occurrences(value, raw)
      if (starts.length === 0) return fail(where + ' ' + quote(raw), 'not found in ' + path.basename(textPath) + ' (must be an exact substring)')
      for (const start of starts) {
        const span = {text: raw, start, end: start + raw.length}
        const finding = findings.find((d) => spansOverlap(d, span))
        if (finding) {
          return fail(
            where + ' ' + quote(raw),
            'overlaps findings[' + finding.index + '] ' + quote(finding.text) + ' (a clean span covers every occurrence; a finding cannot be clean)'
          )
        }
        cleanSpans.push(span)
      }
    })
  }

  if (problems.length > before) return undefined
  return {
    path: textPath,
    annotationPath,
    value,
    sourceLanguage: sourceLanguage as string,
    kind: kind as TextKind,
    findings,
    cleanSpans,
    words: countWords(value)
  }
}

/**
 * Load and validate every annotated text under the given folders
 * (recursively).
 *
 * @param dirs
 *   Folders (default: `corpus`).
 * @returns
 *   The corpus, texts sorted by path.
 * @throws {CorpusError}
 *   When a folder is missing, holds no annotation, or any annotation is
 *   broken (every problem is listed, with its file and finding index).
 */
export function loadCorpus(dirs: string[] = ['corpus']): Corpus {
  const problems: AnnotationProblem[] = []
  const texts: CorpusText[] = []
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push({file: dir, where: '', reason: 'no such folder'})
      continue
    }
    const before = texts.length + problems.length
    for (const file of annotationFiles(dir)) {
      const text = loadText(file, problems)
      if (text) texts.push(text)
    }
    if (texts.length + problems.length === before) {
      problems.push({file: dir, where: '', reason: 'no annotated texts (NNN.json next to NNN.txt, .md or .html)'})
    }
  }
  if (problems.length > 0) throw new CorpusError(problems)
  texts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {dirs, texts}
}
