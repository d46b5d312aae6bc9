/**
 * The `github` reporter: GitHub Actions workflow commands, one per finding,
 * which the runner turns into pull-request annotations:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
 * (`::warning` for warnings, `::notice` for info).
 *
 * Escaping follows the runner's own (`@actions/core` `command.ts`): in the
 * message `%`, `\r` and `\n` become `%25`, `%0D`, `%0A`; in properties `:` and
 * `,` too, since they delimit the properties. Anything else — accents,
 * guillemets, emoji — is written as it is (UTF-8).
 */
import type {VFile} from 'vfile'
import type {FileScore} from './score.js'
import {formatScore} from './score.js'
import {rangeOf, relativePath, severityOf, plainText, type Finding} from './util.js'

/** Escape workflow-command data (the message). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escape a workflow-command property value. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

const commands = {error: 'error', warning: 'warning', info: 'notice'} as const

/** Render files as workflow commands (scores: the same order as `files`). */
export function github(files: readonly VFile[], scores: readonly FileScore[], cwd?: string): string {
  const lines: string[] = []
  files.forEach((file, index) => {
    const name = relativePath(file, cwd)
    for (const message of file.messages as Finding[]) {
      const range = rangeOf(message)
      const properties: Array<[string, string]> = [['file', name]]
      if (range) {
        properties.push(
          ['line', String(range.startLine)],
          ['col', String(range.startColumn)],
          ['endLine', String(range.endLine)],
          ['endColumn', String(range.endColumn)]
        )
      }
      const title = message.ruleId ? message.ruleId + (message.category ? ' (' + message.category + ')' : '') : 'mtlint'
      properties.push(['title', title])
      // The note (the why) goes on the annotation's next line.
      const text = message.reason + (message.note ? '\n' + plainText(message.note) : '')
      lines.push(
        '::' + commands[severityOf(message)] + ' ' + properties.map(([key, value]) => key + '=' + escapeProperty(value)).join(',') + '::' + escapeData(text)
      )
    }
    const score = scores[index]
    if (score?.failed) {
      lines.push(
        '::error ' +
          [['file', name], ['title', 'mtlint score over the limit']].map(([key, value]) => key + '=' + escapeProperty(value!)).join(',') +
          '::' +
          escapeData(`${formatScore(score.score)} penalty points per 1,000 words exceeds the maximum ${score.maxScore} (${score.critical} critical, ${score.major} major, ${score.minor} minor in ${score.words} words)`)
      )
    }
  })
  return lines.length > 0 ? lines.join('\n') + '\n' : ''
}
