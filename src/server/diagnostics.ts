/**
 * vfile messages → LSP diagnostics, and diagnostics → code actions: one quick
 * fix per `expected` replacement, "ignore this entry here" (a comment marker
 * before the paragraph) and, for spelling and name findings, "add this word
 * to the project's word list".
 */
import type {VFileMessage} from 'vfile-message'
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit
} from 'vscode-languageserver'
import type {MtlintMessageFields} from '../rule.js'
import type {DocumentType} from '../types.js'

/** What a diagnostic carries for its code actions (`Diagnostic.data`). */
export interface DiagnosticData {
  /** Rule or glossary entry id (what a comment marker names). */
  ruleId: string
  /** Rule family (`glossary`, `spelling`, `name-consistency` …). */
  rule?: string | undefined
  /** The text found. */
  actual?: string | undefined
  /** Drop-in replacements for the range (`[""]` deletes it). */
  expected: string[]
}

/** The command that adds a word to the project's word list. */
export const addWordCommand = 'mtlint.addWord'

/** Rules whose findings a project word list can silence. */
const wordRules = new Set(['spelling', 'name-consistency'])

/** Convert one message (its place is 1-based) into a diagnostic. */
export function toDiagnostic(message: VFileMessage): Diagnostic {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  const range: Range = {
    start: {line: Math.max(0, (start?.line ?? 1) - 1), character: Math.max(0, (start?.column ?? 1) - 1)},
    end: {line: Math.max(0, (end?.line ?? 1) - 1), character: Math.max(0, (end?.column ?? 1) - 1)}
  }
  const fields = message as VFileMessage & MtlintMessageFields
  const ruleId = message.ruleId ?? fields.rule ?? 'mtlint'
  const data: DiagnosticData = {ruleId, rule: fields.rule, actual: message.actual, expected: message.expected ?? []}
  const diagnostic: Diagnostic = {
    range,
    severity:
      message.fatal === true ? DiagnosticSeverity.Error : message.fatal === false ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: ruleId,
    source: 'mtlint',
    message: message.note ? message.reason + '\n' + message.note : message.reason,
    data
  }
  if (message.url) diagnostic.codeDescription = {href: message.url}
  return diagnostic
}

/** Whether two ranges overlap or touch. */
export function rangesMeet(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character)
  return !before(a.end, b.start) && !before(b.end, a.start)
}

/** What code actions need to know about the document. */
export interface ActionContext {
  /** Document URI. */
  uri: string
  /** Document text. */
  text: string
  /** Whether a project word list can be written (the document is a file). */
  canAddWords: boolean
  /** Document type: where an ignore marker must go differs. */
  type: DocumentType
}

/** The code actions for diagnostics the server published. */
export function codeActionsFor(diagnostics: Diagnostic[], context: ActionContext): CodeAction[] {
  const actions: CodeAction[] = []
  const ignored = new Set<string>()
  const lines = context.text.split(/\r?\n|\r/)
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined
    if (!data) continue
    const expected = data.expected
    for (const replacement of expected) {
      const edit: TextEdit = {range: diagnostic.range, newText: replacement}
      actions.push({
        title: replacement === '' ? `Remove \`${data.actual ?? 'this'}\`` : `Replace with \`${replacement}\``,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: expected.length === 1,
        edit: {changes: {[context.uri]: [edit]}}
      })
    }
    // One marker per paragraph and id is enough.
    const line = blockStart(lines, diagnostic.range.start.line)
    const key = data.ruleId + '\0' + line
    if (!ignored.has(key)) {
      ignored.add(key)
      actions.push({
        title: `Ignore \`${data.ruleId}\` in this paragraph`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {changes: {[context.uri]: [ignoreEdit(lines, line, data.ruleId, context.type, /\r\n/.test(context.text) ? '\r\n' : '\n')]}}
      })
    }
    if (context.canAddWords && data.actual && wordRules.has(data.rule ?? '')) {
      actions.push({
        title: `Add \`${data.actual}\` to the project's word list`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: {title: 'Add word', command: addWordCommand, arguments: [context.uri, data.actual]}
      })
    }
  }
  return actions
}

/** The first line of the block (paragraph) holding a line: after the previous blank line. */
export function blockStart(lines: string[], line: number): number {
  let index = Math.min(line, lines.length - 1)
  while (index > 0 && (lines[index - 1] ?? '').trim() !== '') index--
  return Math.max(0, index)
}

/**
 * The edit that puts `<!--mtlint ignore id-->` before a block: in Markdown
 * an HTML block and a blank line; in plain text the line right above (a
 * blank line would end the marker's reach); in HTML right before the
 * block's first tag, as its previous sibling.
 */
export function ignoreEdit(lines: string[], line: number, id: string, type: DocumentType, eol: string): TextEdit {
  const marker = `<!--mtlint ignore ${id}-->`
  if (type === 'html') {
    const indent = /^\s*/.exec(lines[line] ?? '')?.[0].length ?? 0
    return {range: {start: {line, character: indent}, end: {line, character: indent}}, newText: marker}
  }
  return {range: {start: {line, character: 0}, end: {line, character: 0}}, newText: marker + eol + (type === 'markdown' ? eol : '')}
}
