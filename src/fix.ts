/**
 * Safe fixes: `expected[0]` of every finding marked `safe`, applied as edits
 * on the original text by offset — never by serialising a tree — so
 * Markdown, HTML and plain text keep every byte outside the fixed ranges.
 *
 * All the fixes of a file are applied at once. Where ranges overlap, the
 * first one (by start offset; on a tie, the longest) wins and the others are
 * dropped: they were found on text the winner rewrites, and the re-lint after
 * fixing finds whatever still needs fixing. This module imports no `node:`
 * module (the language server and editors share it).
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {MtlintMessageFields} from './rule.js'

/** One text edit: replace `[start, end)` with `text`. */
export interface Edit {
  /** Start offset (UTF-16 code units). */
  start: number
  /** End offset, exclusive. */
  end: number
  /** The replacement. */
  text: string
  /** The rule or entry that proposed it. */
  ruleId?: string | undefined
}

/** The edit a message proposes, when it is safe and placed with offsets. */
export function editOf(message: VFileMessage): Edit | undefined {
  const fields = message as VFileMessage & MtlintMessageFields
  if (fields.safe !== true) return undefined
  const text = message.expected?.[0]
  if (text === undefined || text === null) return undefined
  const place = message.place
  if (!place || !('start' in place)) return undefined
  const start = place.start.offset
  const end = place.end.offset
  if (start === undefined || end === undefined || end < start) return undefined
  return {start, end, text, ruleId: message.ruleId}
}

/**
 * Keep edits that do not overlap, in text order: sorted by start (ties:
 * longest first), an edit is kept when it starts at or after the end of the
 * last kept one. Two insertions at one point keep only the first.
 */
export function resolveOverlaps(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start))
  const kept: Edit[] = []
  let last: Edit | undefined
  for (const edit of sorted) {
    if (last && (edit.start < last.end || (edit.start === last.start && edit.start === edit.end))) continue
    kept.push(edit)
    last = edit
  }
  return kept
}

/** Apply non-overlapping edits (as `resolveOverlaps` returns them) to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = ''
  let index = 0
  for (const edit of edits) {
    result += text.slice(index, edit.start) + edit.text
    index = edit.end
  }
  return result + text.slice(index)
}

/**
 * Whether the source text of a range is the text the rule found, up to
 * whitespace (a phrase may run across a line break). A range whose source
 * holds more — markup between the words (`**Poutine**’s`), an entity, a
 * comment — is not fixed: replacing it would delete the formatting.
 */
export function sourceMatches(source: string, actual: string | null | undefined): boolean {
  if (actual === undefined || actual === null) return true
  const squash = (value: string) => value.replace(/\s+/g, ' ').trim()
  return squash(source) === squash(actual)
}

/**
 * The edits to apply to a linted file: its safe findings' edits, no-ops
 * dropped (a replacement equal to the text it replaces), edits whose range
 * holds more than the words found dropped, overlaps resolved.
 */
export function fixEdits(file: VFile): Edit[] {
  const text = String(file.value ?? '')
  const edits: Edit[] = []
  for (const message of file.messages) {
    const edit = editOf(message)
    if (!edit || edit.end > text.length) continue
    const source = text.slice(edit.start, edit.end)
    if (source === edit.text || !sourceMatches(source, message.actual)) continue
    edits.push(edit)
  }
  return resolveOverlaps(edits)
}

/** The text of a linted file with its safe fixes applied (the same text when there are none). */
export function fixText(file: VFile): {value: string; edits: Edit[]} {
  const edits = fixEdits(file)
  const text = String(file.value ?? '')
  return {value: edits.length === 0 ? text : applyEdits(text, edits), edits}
}

/** How many lint-and-fix rounds `fixUntilStable` runs at most (a fix that produces a new fixable finding needs a second). */
export const maxFixRounds = 4

/**
 * Fix a text until no safe fix remains (at most `maxFixRounds` rounds), so a
 * second `--fix` finds nothing to do.
 *
 * @param value
 *   The original text.
 * @param lintValue
 *   Lints a text and returns the linted file.
 */
export async function fixUntilStable(
  value: string,
  lintValue: (value: string) => Promise<VFile>
): Promise<{value: string; file: VFile; rounds: number; applied: number}> {
  let current = value
  let file = await lintValue(current)
  let applied = 0
  let rounds = 0
  while (rounds < maxFixRounds) {
    const {value: next, edits} = fixText(file)
    if (edits.length === 0 || next === current) break
    applied += edits.length
    rounds++
    current = next
    file = await lintValue(current)
  }
  return {value: current, file, rounds, applied}
}
