/**
 * `--since REV`: the lines of a file changed since a git revision, from
 * `git diff --unified=0 REV -- file` (the working tree against REV, staged or
 * not), so a large archive reports only what the new draft touched.
 *
 * A file git does not track is new: every line counts as changed.
 */
import {execFile} from 'node:child_process'
import path from 'node:path'
import type {VFile} from 'vfile'
import {rangeOf} from './reporters/util.js'

/** Changed lines of a file: a set of 1-based line numbers, or `all` for a new file. */
export type ChangedLines = Set<number> | 'all'

/** A git failure that is the user's to fix (an unknown revision, not a repository). */
export class SinceError extends Error {}

function git(args: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile('git', args, {cwd, maxBuffer: 256 * 1024 * 1024, env: {...process.env, GIT_EXTERNAL_DIFF: '', GIT_PAGER: 'cat'}}, (error, stdout, stderr) => {
      const code = error ? (typeof (error as {code?: unknown}).code === 'number' ? ((error as {code: number}).code) : 127) : 0
      resolve({code, stdout, stderr})
    })
  })
}

/** Parse `git diff --unified=0` output into the new side's changed lines. */
export function parseHunks(diff: string): Set<number> {
  const lines = new Set<number>()
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1])
    const count = match[2] === undefined ? 1 : Number(match[2])
    // A pure deletion (`+N,0`) changes no line of the new text.
    for (let line = start; line < start + count; line++) lines.add(line)
  }
  return lines
}

/** Check a revision once, before linting: an unknown one is a usage error. */
export async function checkRevision(rev: string, cwd: string): Promise<void> {
  if (rev.startsWith('-')) throw new SinceError(`--since expects a git revision (got \`${rev}\`)`)
  const result = await git(['rev-parse', '--verify', '--quiet', rev + '^{commit}'], cwd)
  if (result.code !== 0) throw new SinceError(`--since: unknown git revision \`${rev}\`` + (result.stderr.trim() ? ` (${result.stderr.trim()})` : ''))
}

/** The lines of `file` changed since `rev`. */
export async function changedLines(rev: string, file: string): Promise<ChangedLines> {
  const folder = path.dirname(file)
  const tracked = await git(['ls-files', '--error-unmatch', '--', path.basename(file)], folder)
  if (tracked.code !== 0) {
    // Not tracked now: is it in the revision (a staged deletion re-created)? If not, it is all new.
    const before = await git(['cat-file', '-e', `${rev}:./${path.basename(file)}`], folder)
    if (before.code !== 0) return 'all'
  }
  const result = await git(['diff', '--no-color', '--no-ext-diff', '--no-renames', '--unified=0', rev, '--', path.basename(file)], folder)
  if (result.code !== 0) throw new SinceError(`--since: git diff failed for ${file}: ${result.stderr.trim()}`)
  return parseHunks(result.stdout)
}

/** Keep only a file's messages that touch a changed line (messages without a place stay). */
export function keepChanged(file: VFile, changed: ChangedLines): void {
  if (changed === 'all') return
  file.messages = file.messages.filter((message) => {
    const range = rangeOf(message)
    if (!range) return true
    for (let line = range.startLine; line <= range.endLine; line++) if (changed.has(line)) return true
    return false
  })
}
