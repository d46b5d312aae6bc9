/**
 * The `gitlab` reporter: a GitLab CI Code Quality report (the Code Climate
 * subset GitLab reads): `description`, `check_name`, `fingerprint`,
 * `severity`, `location.path` and `location.lines.begin`.
 *
 * The fingerprint is what GitLab uses to tell new findings from old ones in a
 * merge request, so it leaves the line number out: it hashes the path, the
 * rule, the text found and how many times that same text was flagged before
 * in the file — moving a paragraph keeps its findings' fingerprints.
 */
import {createHash} from 'node:crypto'
import type {VFile} from 'vfile'
import {rangeOf, relativePath, severityOf, type Finding} from './util.js'

/** One Code Quality issue. */
export interface CodeQualityIssue {
  /** The message. */
  description: string
  /** The rule or glossary entry id. */
  check_name: string
  /** Stable identity of the finding across commits. */
  fingerprint: string
  /** GitLab severity. */
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker'
  /** Where. */
  location: {path: string; lines: {begin: number}}
}

/** MQM severities, which GitLab's names match: error critical, warning major, info minor. */
const severities = {error: 'critical', warning: 'major', info: 'minor'} as const

/** Stable fingerprints for a file's messages (the same order). */
export function fingerprints(file: VFile, name: string): string[] {
  const seen = new Map<string, number>()
  return (file.messages as Finding[]).map((message) => {
    const key = [name, message.ruleId ?? '', message.actual ?? message.reason].join('\0')
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    return createHash('sha256').update(key + '\0' + occurrence).digest('hex').slice(0, 32)
  })
}

/** Render files as a Code Quality report. */
export function gitlab(files: readonly VFile[], cwd?: string): string {
  const issues: CodeQualityIssue[] = []
  for (const file of files) {
    const name = relativePath(file, cwd)
    const prints = fingerprints(file, name)
    ;(file.messages as Finding[]).forEach((message, index) => {
      issues.push({
        description: message.reason,
        check_name: message.ruleId ?? 'mtlint',
        fingerprint: prints[index]!,
        severity: severities[severityOf(message)],
        location: {path: name, lines: {begin: rangeOf(message)?.startLine ?? 1}}
      })
    })
  }
  return JSON.stringify(issues, null, 2) + '\n'
}
