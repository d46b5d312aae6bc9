/**
 * Reporters: `stylish` (vfile-reporter, with the rule id and category on each
 * line) and `json` (vfile-reporter-json's shape).
 */
import path from 'node:path'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter as stylish} from 'vfile-reporter'
import {reporterJson} from 'vfile-reporter-json'

/** Reporter names. */
export const reporterNames = ['stylish', 'json'] as const

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
    return copy
  })
}

/** Render a report. */
export function report(name: ReporterName, files: readonly VFile[], options: ReportOptions = {}): string {
  const visible = visibleFiles(files, options)
  if (name === 'json') return json(visible, options)

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
  return stylish(visible, {quiet: options.quiet ?? false, silent: options.silent ?? false, color: options.color ?? false})
}

/** mtlint fields added to each JSON message, beside vfile-reporter-json's. */
const extraFields = ['category', 'categoryName', 'safe', 'rule'] as const

/** vfile-reporter-json's shape, plus mtlint's fields on each message. */
function json(files: VFile[], options: ReportOptions): string {
  const value = JSON.parse(reporterJson(files, {quiet: options.quiet ?? false, silent: options.silent ?? false})) as Array<{
    path: string
    messages: Array<Record<string, unknown>>
  }>
  const byPath = new Map(files.map((d) => [d.path, d]))
  for (const item of value) {
    const file = byPath.get(item.path)
    if (!file) continue
    item.messages.forEach((message, index) => {
      const original = file.messages[index] as (VFileMessage & Record<string, unknown>) | undefined
      if (!original) return
      for (const field of extraFields) {
        if (original[field] !== undefined) message[field] = original[field]
      }
    })
  }
  return JSON.stringify(value)
}
