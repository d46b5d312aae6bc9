/**
 * `defineRule`: every rule is a retext plugin made here, so `ruleId`,
 * `source`, `url`, `category` and severity are stamped on each message in one
 * place and a rule never sets them by hand (as `unified-lint-rule` does for
 * remark-lint).
 */
import type {Root, Sentence, Paragraph} from 'nlcst'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {Point, Position} from 'unist'
import {
  categoryPaths,
  ruleUrl,
  severityToFatal,
  type CategoryName,
  type Severity
} from './types.js'

/** What every rule's options may carry. */
export interface BaseRuleOptions {
  /** Severity of this rule's messages (default: the rule's own). */
  severity?: Severity | undefined
}

/** Static description of a rule. */
export interface RuleMeta {
  /** Stable rule id (`quote-inversion`). */
  id: string
  /** One-line description, used in docs and SARIF. */
  description: string
  /** Category of its findings. */
  category: CategoryName
  /** Default severity. */
  severity: Severity
  /** Whether its fixes may be applied by `--fix` (default: false). */
  safe?: boolean
}

/** One finding, as a rule reports it. */
export interface Report {
  /** Where: a node (with position) or explicit start/end points. */
  place: Position | {start: Point; end: Point}
  /** Short reason (`Unexpected \`Poutine\`, expected \`Putin\``). */
  reason: string
  /** The text found. */
  actual?: string | undefined
  /** Drop-in replacements for the range; empty when only a person can fix it. */
  expected?: string[] | undefined
  /** The longer why, naming the source-language term. */
  note?: string | undefined
  /** Override the rule id (glossary entries report their own id). */
  ruleId?: string | undefined
  /** Override the category. */
  category?: CategoryName | undefined
  /** Override the severity. */
  severity?: Severity | undefined
  /** Whether `--fix` may apply `expected[0]`. */
  safe?: boolean | undefined
  /** Override the url. */
  url?: string | undefined
}

/** Helpers handed to a rule's run function. */
export interface RuleContext {
  /** Report a finding. */
  report(report: Report): void
}

/** A rule's run function. */
export type RuleRun<Options> = (
  tree: Root,
  file: VFile,
  options: Options,
  context: RuleContext
) => void | Promise<void>

/** A rule plugin, with its metadata attached. */
export type RulePlugin<Options extends BaseRuleOptions> = Plugin<
  [(Options | undefined)?],
  Root
> & {meta: RuleMeta}

/** Fields mtlint adds to vfile messages. */
export interface MtlintMessageFields {
  /** MQM category path. */
  category?: string
  /** Short category name. */
  categoryName?: CategoryName
  /** Whether `--fix` may apply `expected[0]`. */
  safe?: boolean
  /** Rule family (the plugin), e.g. `glossary` for glossary entries. */
  rule?: string
}

/**
 * Define a rule.
 *
 * @param meta
 *   Id, description, category and default severity.
 * @param run
 *   Called once per document with the resolved options.
 * @returns
 *   A retext plugin.
 */
export function defineRule<Options extends BaseRuleOptions>(
  meta: RuleMeta,
  run: RuleRun<Options>
): RulePlugin<Options> {
  const plugin = function (options?: Options | undefined) {
    const settings = (options ?? {}) as Options
    const defaultSeverity = settings.severity ?? meta.severity

    return function (tree: Root, file: VFile) {
      const context: RuleContext = {
        report(report) {
          // Copy the points: trees may be cached and shifted later (the
          // editor path), and a message must keep the place it was given.
          const message = withoutStack(() =>
            file.message(report.reason, {
              place: {start: {...report.place.start}, end: {...report.place.end}},
              ruleId: report.ruleId ?? meta.id,
              source: 'mtlint'
            })
          )
          const severity = report.severity ?? defaultSeverity
          const categoryName = report.category ?? meta.category
          message.fatal = severityToFatal(severity)
          message.actual = report.actual
          message.expected = report.expected ?? []
          message.note = report.note
          message.url = report.url ?? ruleUrl(report.ruleId ?? meta.id)
          const fields = message as typeof message & MtlintMessageFields
          fields.category = categoryPaths[categoryName]
          fields.categoryName = categoryName
          fields.safe = report.safe ?? meta.safe ?? false
          fields.rule = meta.id
        }
      }

      return run(tree, file, settings, context)
    }
  } as unknown as RulePlugin<Options>
  Object.defineProperty(plugin, 'name', {value: meta.id})
  plugin.meta = meta
  return plugin
}

/**
 * Make a message without capturing a stack trace: `VFileMessage` is an
 * `Error`, whose constructor records the stack, and then sets `stack` to an
 * empty string — the capture was ~2% of a lint (bench/NOTES.md).
 */
export function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return make()
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** Sentences of a tree, in order, with their paragraph. */
export function* sentences(
  tree: Root
): Generator<{sentence: Sentence; paragraph: Paragraph}> {
  for (const child of tree.children) {
    if (child.type === 'ParagraphNode') {
      for (const sentence of child.children) {
        if (sentence.type === 'SentenceNode') yield {sentence, paragraph: child}
      }
    }
  }
}
