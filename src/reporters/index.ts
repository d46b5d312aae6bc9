/**
 * Reporters: `stylish` (vfile-reporter, with the rule id and category on each
 * line, then each file's score), `json` (vfile-reporter-json's shape, plus
 * mtlint's fields and each file's score), `sarif` (SARIF 2.1.0), `github`
 * (GitHub Actions workflow commands) and `gitlab` (GitLab Code Quality).
 */
import path from 'node:path'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter as stylish} from 'vfile-reporter'
import {formatScore, scoreFile, type FileScore, type ScoringConfig} from './score.js'
import {sarif} from './sarif.js'
import {github} from './github.js'
import {gitlab} from './gitlab.js'
import type {MtlintMessageFields} from '../rule.js'

/** Reporter names. */
export const reporterNames = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const

/** A reporter name. */
export type ReporterName = (typeof reporterNames)[number]

/** Options of every reporter. */
export interface ReportOptions {
  /** Skip files without messages, and info messages. */
  quiet?: boolean
  /** Only errors. */
  silent?: boolean
  /** ANSI colours (stylish only). */
  color?: boolean
  /** Base folder for relative paths. */
  cwd?: string
  /** Scoring settings that win over each file's own (`maxScore`, `weights`). */
  scoring?: ScoringConfig
}

/** Sort messages by place, then rule. */
export function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return [...messages].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      String(a.ruleId).localeCompare(String(b.ruleId))
  )
}

/** Copies of files with only the messages a report shows, sorted. */
export function visibleFiles(files: readonly VFile[], options: ReportOptions): VFile[] {
  return files.map((file) => {
    const copy = new VFile({path: file.path, cwd: file.cwd})
    copy.messages = sortMessages(
      file.messages.filter((d) => (options.silent ? d.fatal === true : options.quiet ? d.fatal !== undefined && d.fatal !== null : true))
    )
    copy.stored = file.stored
    // Reporters quote the text (SARIF snippets) and read the score's inputs.
    copy.value = file.value
    copy.data = file.data
    return copy
  })
}

/** Render a report. */
export function report(name: ReporterName, files: readonly VFile[], options: ReportOptions = {}): string {
  // The score counts every finding, whatever --quiet or --silent show.
  const scores = files.map((file) => scoreFile(file, options.scoring))
  const visible = visibleFiles(files, options)
  if (name === 'json') return json(visible, scores, options)
  if (name === 'sarif') return sarif(visible, scores, options.cwd)
  if (name === 'github') return github(visible, scores, options.cwd)
  if (name === 'gitlab') return gitlab(visible, options.cwd)

  // Show the category where vfile-reporter shows the message source.
  for (const file of visible) {
    if (options.cwd && file.path) file.path = path.relative(options.cwd, file.path) || file.path
    file.messages = file.messages.map((message) => {
      const copy = Object.assign(Object.create(Object.getPrototypeOf(message) as object) as VFileMessage, message)
      const category = (message as VFileMessage & {category?: string}).category
      if (category) copy.source = category
      return copy
    })
  }
  const text = stylish(visible, {quiet: options.quiet ?? false, silent: options.silent ?? false, color: options.color ?? false})
  const summary = scoreSummary(visible, scores, options)
  return summary ? (text ? text + '\n\n' : '') + summary : text
}

/**
 * The score lines under the stylish report: one per file (with --quiet, only
 * files that score above zero), the gate when one is set.
 */
export function scoreSummary(files: readonly VFile[], scores: readonly FileScore[], options: ReportOptions = {}): string {
  const lines: string[] = []
  files.forEach((file, index) => {
    const score = scores[index]!
    if ((options.quiet || options.silent) && score.points === 0 && !score.failed) return
    const counts = [
      score.critical ? score.critical + ' critical' : '',
      score.major ? score.major + ' major' : '',
      score.minor ? score.minor + ' minor' : ''
    ].filter(Boolean)
    const limit = score.maxScore === undefined ? '' : score.failed ? `, over the maximum ${score.maxScore}` : `, maximum ${score.maxScore}`
    lines.push(
      `${file.path || '<stdin>'}: score ${formatScore(score.score)} per 1,000 words (${counts.length > 0 ? counts.join(', ') + ' in ' : ''}${score.words} words${limit})`
    )
  })
  return lines.join('\n')
}

/**
 * vfile-reporter-json's shape, plus mtlint's fields on each message and each
 * file's score. Made in one pass: the library's string parsed back and
 * extended was ~2% of a 1,000-article run with 7,000 findings (bench/NOTES.md,
 * section 8). `tests/reporters.test.ts` checks the shared fields against
 * vfile-reporter-json's own output.
 */
function json(files: VFile[], scores: readonly FileScore[], options: ReportOptions): string {
  const result: unknown[] = []
  files.forEach((file, index) => {
    // As vfile-reporter-json: with --quiet or --silent, files with nothing to show are left out.
    if ((options.quiet || options.silent) && file.messages.length === 0) return
    result.push({path: file.path, cwd: file.cwd, history: file.history, messages: file.messages.map(messageJson), score: scores[index]})
  })
  return JSON.stringify(result)
}

/** A message as vfile-reporter-json writes it (its fields, in its order), then mtlint's. */
function messageJson(message: VFileMessage): Record<string, unknown> {
  const fields = message as VFileMessage & MtlintMessageFields
  return {
    ancestors: message.ancestors,
    column: message.column,
    fatal: message.fatal,
    line: message.line,
    place: message.place,
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    url: message.url,
    category: fields.category,
    categoryName: fields.categoryName,
    safe: fields.safe,
    rule: fields.rule
  }
}
