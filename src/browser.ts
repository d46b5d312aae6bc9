/**
 * The browser entry (`mtlint/browser`): the same core and processor factory
 * as the CLI and the language server, with no Node built-ins. It takes a
 * pack as JSON (`dist/packs/fr-en.json`, exported as
 * `mtlint/packs/fr-en.json`, or `pack.toJSON()`) instead of reading
 * `rules/`, and returns plain, structured-cloneable findings so it can run in
 * a Web Worker (see `browser-worker.ts` and the CodeMirror source in
 * `codemirror.ts`).
 */
import type {Root} from 'nlcst'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {createProcessor} from './processor.js'
import {Pack, type PackData} from './pack.js'
import type {MtlintMessageFields} from './rule.js'
import {fatalToSeverity, type DocumentType, type RuleSetting, type Severity} from './types.js'

export {Pack, type PackData} from './pack.js'
export type {DocumentType, RuleSetting, Severity} from './types.js'

/** Options of a browser linter: a pack and what `.mtlintrc` would say. */
export interface BrowserLinterOptions {
  /** The pack: its JSON (`PackData`), the pre-built file's `{pack}` wrapper, or a `Pack`. */
  pack: PackData | {pack: PackData} | Pack
  /** Per rule: `off`, a severity, or `true`/`false`. */
  rules?: Record<string, RuleSetting> | undefined
  /** Per glossary entry or family: `off` or a severity. */
  entries?: Record<string, RuleSetting> | undefined
  /** Options for individual rules, by rule id. */
  ruleOptions?: Record<string, Record<string, unknown>> | undefined
  /** Correct words (names, jargon). */
  words?: string[] | undefined
  /** Document type when `lint` is not told (default: markdown). */
  type?: DocumentType | undefined
}

/** One finding as plain data (offsets are UTF-16 indices, as in JavaScript strings and CodeMirror). */
export interface BrowserFinding {
  /** Start offset. */
  from: number
  /** End offset. */
  to: number
  /** 1-based line and column of the start. */
  line: number
  /** 1-based column of the start. */
  column: number
  /** `error`, `warning` or `info`. */
  severity: Severity
  /** Rule id or glossary entry id (what a comment marker names). */
  ruleId: string
  /** Rule family (`glossary`, `name-consistency` …). */
  rule: string
  /** Short reason. */
  reason: string
  /** The why, naming the source-language term. */
  note?: string | undefined
  /** Documentation URL. */
  url?: string | undefined
  /** The text found. */
  actual?: string | undefined
  /** Drop-in replacements (`[""]` deletes). */
  expected: string[]
  /** MQM category path. */
  category?: string | undefined
}

/** A linter that keeps one incremental processor per document type. */
export interface BrowserLinter {
  /** Lint a text. */
  lint(text: string, options?: {type?: DocumentType | undefined}): Promise<BrowserFinding[]>
}

type LintProcessor = Processor<Root, Root, Root, undefined, undefined>

/** Create a linter from a pack and settings. */
export function createLinter(options: BrowserLinterOptions): BrowserLinter {
  const pack = toPack(options.pack)
  const processors = new Map<DocumentType, LintProcessor>()
  // The spelling dictionary is a file the Node loader reads; in a browser it
  // runs only when given one (`ruleOptions.spelling.dictionary`).
  const rules = options.ruleOptions?.['spelling']?.['dictionary'] ? options.rules : {spelling: 'off' as const, ...options.rules}
  return {
    async lint(text, lintOptions = {}) {
      const type = lintOptions.type ?? options.type ?? 'markdown'
      let processor = processors.get(type)
      if (!processor) {
        // Typing in a page is the editor path: block-by-block re-parsing.
        processor = createProcessor({
          pack,
          type,
          incremental: true,
          rules,
          entries: options.entries,
          ruleOptions: options.ruleOptions,
          words: options.words
        })
        processors.set(type, processor)
      }
      const file = new VFile({value: text})
      const tree = processor.parse(file)
      await processor.run(tree, file)
      return file.messages.map(toFinding).sort((a, b) => a.from - b.from)
    }
  }
}

function toPack(value: BrowserLinterOptions['pack']): Pack {
  if (value instanceof Pack) return value
  return new Pack('pack' in value ? value.pack : value)
}

/** A vfile message as plain data. */
export function toFinding(message: VFileMessage): BrowserFinding {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  const fields = message as VFileMessage & MtlintMessageFields
  return {
    from: start?.offset ?? 0,
    to: end?.offset ?? start?.offset ?? 0,
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    severity: fatalToSeverity(message.fatal),
    ruleId: message.ruleId ?? fields.rule ?? 'mtlint',
    rule: fields.rule ?? message.ruleId ?? 'mtlint',
    reason: message.reason,
    note: message.note,
    url: message.url,
    actual: message.actual,
    expected: [...(message.expected ?? [])],
    category: fields.category
  }
}
