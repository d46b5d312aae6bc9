/**
 * Print an evaluation: aligned tables per category, per source language and
 * per rule, the overall figures, optionally every miss and false positive,
 * and one closing summary line that scripts can read.
 */
import type {EvalResult, Tally} from './score.js'

/** Options of `formatResult`. */
export interface FormatOptions {
  /** List every miss and every false positive as `file:line:column  text  (rule)`. */
  verbose?: boolean | undefined
  /** Name of what was run, for the heading (default: `mtlint`). */
  label?: string | undefined
}

/** Recall with three decimals (`0.412`). */
export function formatRecall(recall: number): string {
  return recall.toFixed(3)
}

/** A rate with two decimals (`1.27`). */
export function formatRate(rate: number): string {
  return rate.toFixed(2)
}

/** The closing line: `recall R (found/total), false positives N, fp-per-1000-words F`. */
export function summaryLine(result: EvalResult): string {
  const {overall} = result
  return `recall ${formatRecall(overall.recall)} (${overall.found}/${overall.total}), false positives ${overall.falsePositives}, fp-per-1000-words ${formatRate(overall.fpPer1000)}`
}

/** Lay out rows under a header: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)))
  const line = (row: string[]) =>
    row
      .map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}

/** Show a text on one line, shortened. */
function oneLine(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, '⏎')
  return flat.length > 60 ? flat.slice(0, 57) + '…' : flat
}

/**
 * Format an evaluation as text. The last line is always `summaryLine`.
 *
 * @param result
 *   What `evaluate` returned.
 * @param options
 *   `verbose` and a `label`.
 * @returns
 *   The report (no trailing newline).
 */
export function formatResult(result: EvalResult, options: FormatOptions = {}): string {
  const lines: string[] = []
  const {overall} = result
  lines.push(
    `${options.label ?? 'mtlint'} on ${result.dirs.join(', ')}: ${result.texts} texts, ${result.words} words, ` +
      (result.minConfidence === 'certain' ? 'certain findings only' : 'all findings (certain and likely)')
  )

  // Recall on certain findings beside the main figures (the same columns twice under --min-confidence certain).
  const certainCells = (d: Tally | undefined) => (d && d.total > 0 ? [String(d.found), String(d.total), formatRecall(d.recall)] : ['0', '0', '-'])
  const withCertain = result.minConfidence === 'likely'
  lines.push(
    '',
    ...table(
      ['category', 'found', 'total', 'recall', ...(withCertain ? ['certain: found', 'total', 'recall'] : [])],
      Object.entries(result.byCategory).map(([name, d]) => [name, String(d.found), String(d.total), formatRecall(d.recall), ...(withCertain ? certainCells(result.certain.byCategory[name]) : [])])
    )
  )
  lines.push('', ...table(['source language', 'found', 'total', 'recall'], Object.entries(result.byLanguage).map(([name, d]) => [name, String(d.found), String(d.total), formatRecall(d.recall)])))
  lines.push(
    '',
    ...table(
      ['rule', 'messages', 'true', 'false+', 'clean', 'control', 'elsewhere', 'fp/1000w'],
      Object.entries(result.byRule).map(([name, d]) => [
        name,
        String(d.messages),
        String(d.true),
        String(d.falsePositives),
        String(d.clean),
        String(d.control),
        String(d.elsewhere),
        formatRate(d.fpPer1000)
      ])
    )
  )
  if (Object.keys(result.byRule).length === 0) lines.push('(no messages)')

  lines.push(
    '',
    ...table(
      ['overall', 'found', 'total', 'recall', 'false+', 'clean', 'control', 'elsewhere', 'fp/1000w'],
      [
        [
          'all',
          String(overall.found),
          String(overall.total),
          formatRecall(overall.recall),
          String(overall.falsePositives),
          String(overall.clean),
          String(overall.control),
          String(overall.elsewhere),
          formatRate(overall.fpPer1000)
        ],
        ...(withCertain ? [['certain', ...certainCells(result.certain.overall)]] : [])
      ]
    )
  )
  if (result.unplaced > 0) lines.push(`(${result.unplaced} message${result.unplaced === 1 ? '' : 's'} without a place not scored)`)

  if (options.verbose) {
    lines.push('', `misses (${result.misses.length}):`)
    for (const d of result.misses) lines.push(`  ${d.file}:${d.line}:${d.column}  ${oneLine(d.text)}  (${d.category}, ${d.confidence})`)
    lines.push('', `false positives (${result.falsePositives.length}):`)
    for (const d of result.falsePositives) {
      lines.push(`  ${d.file}:${d.line}:${d.column}  ${oneLine(d.text || d.reason)}  (${d.rule === d.ruleId ? d.rule : d.rule + ': ' + d.ruleId}${d.kind === 'elsewhere' ? '' : ', ' + d.kind})`)
    }
  }

  lines.push('', summaryLine(result))
  return lines.join('\n')
}

/** The evaluation as a JSON-ready object (the summary line included). */
export function resultToJson(result: EvalResult): EvalResult & {summary: string} {
  return {...result, summary: summaryLine(result)}
}
