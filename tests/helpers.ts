/** Shared test helpers. */
import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {VFile} from 'vfile'
import {lint, type LintOptions} from '../src/index.js'

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Lint text as a file of the given name. */
export async function lintText(text: string, name = 'example.txt', options: LintOptions = {}): Promise<VFile> {
  return lint(text, {path: name, ...options})
}

/** Messages of a rule (by `rule`, the family, or `ruleId`). */
export function messagesOf(file: VFile, rule: string) {
  return file.messages.filter((d) => d.ruleId === rule || (d as {rule?: string}).rule === rule)
}

/** One documented example case. */
export interface DocExample {
  /** `ok` cases must stay silent; `not-ok` cases must be reported. */
  kind: 'ok' | 'not-ok'
  /** The text. */
  text: string
}

/**
 * Read a rule's doc-comment examples: every line under `@example ok` or
 * `@example not-ok` (indented) is one case.
 */
export function docExamples(file: string): DocExample[] {
  const source = readFileSync(file, 'utf8')
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? ''
  const lines = comment.split('\n').map((d) => d.replace(/^\s*\* ?/, ''))
  const result: DocExample[] = []
  let kind: DocExample['kind'] | undefined
  for (const line of lines) {
    const tag = /^@example\s+(ok|not-ok)\s*$/.exec(line.trim())
    if (tag) {
      kind = tag[1] as DocExample['kind']
      continue
    }
    if (line.trim().startsWith('@')) {
      kind = undefined
      continue
    }
    if (kind && /^\s{2,}\S/.test(line)) result.push({kind, text: line.trim()})
  }
  return result
}

/** Rule plugin files. */
export function pluginFiles(): string[] {
  const folder = path.join(root, 'src', 'plugins')
  return readdirSync(folder)
    .filter((d) => d.endsWith('.ts'))
    .sort()
    .map((d) => path.join(folder, d))
}
