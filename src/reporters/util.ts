/** What every reporter needs from a message: its mtlint fields, its range, a file's relative path. */
import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {MtlintMessageFields} from '../rule.js'
import {fatalToSeverity, type Severity} from '../types.js'

/** A vfile message with mtlint's fields. */
export type Finding = VFileMessage & MtlintMessageFields

/** A message's range: 1-based lines and columns (UTF-16 code units), end exclusive, and offsets when known. */
export interface Range {
  /** Start line. */
  startLine: number
  /** Start column. */
  startColumn: number
  /** End line. */
  endLine: number
  /** End column (the column after the last character). */
  endColumn: number
  /** Start offset. */
  startOffset?: number | undefined
  /** End offset. */
  endOffset?: number | undefined
}

/** The range of a message, or undefined when it has no place (a whole-file problem). */
export function rangeOf(message: VFileMessage): Range | undefined {
  const place = message.place
  if (!place) return undefined
  if ('start' in place) {
    if (!place.start.line || !place.start.column) return undefined
    return {
      startLine: place.start.line,
      startColumn: place.start.column,
      endLine: place.end.line || place.start.line,
      endColumn: place.end.column || place.start.column,
      startOffset: place.start.offset,
      endOffset: place.end.offset
    }
  }
  if (!place.line || !place.column) return undefined
  return {startLine: place.line, startColumn: place.column, endLine: place.line, endColumn: place.column, startOffset: place.offset, endOffset: place.offset}
}

/** A message's severity. */
export function severityOf(message: VFileMessage): Severity {
  return fatalToSeverity(message.fatal)
}

/**
 * A file's path relative to `cwd` (or its own cwd), with forward slashes; a
 * file outside that folder keeps its absolute path, and stdin is `<stdin>`.
 */
export function relativePath(file: VFile, cwd?: string): string {
  if (!file.path) return '<stdin>'
  const base = cwd ?? file.cwd
  const absolute = path.resolve(file.cwd, file.path)
  const relative = path.relative(base, absolute)
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute
  return shown.split(path.sep).join('/')
}

/** Drop Markdown emphasis from a note, for plain-text fields. */
export function plainText(value: string): string {
  return value.replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
}
