/** Counting input files cheaply, to decide whether a worker pool pays off. */
import {readdirSync, statSync, type Dirent} from 'node:fs'
import path from 'node:path'

/**
 * Count the files the arguments name, up to `limit` (then stop): folders are
 * walked for the given extensions (skipping dot-folders and node_modules),
 * globs count as `limit` (they usually name many files).
 */
export function countFiles(args: readonly string[], cwd: string, extensions: readonly string[], limit: number): number {
  const wanted = new Set(extensions.map((d) => '.' + d))
  let count = 0
  const walk = (folder: string) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of entries) {
      if (count >= limit) return
      const name = entry.name
      if (name.startsWith('.') || name === 'node_modules') continue
      const full = path.join(folder, name)
      // The entry says what it is (no stat per file), except a link.
      let folderEntry = entry.isDirectory()
      if (entry.isSymbolicLink()) {
        try {
          folderEntry = statSync(full).isDirectory()
        } catch {
          continue
        }
      }
      if (folderEntry) walk(full)
      else if (wanted.has(path.extname(name).toLowerCase())) count++
    }
  }
  for (const arg of args) {
    if (count >= limit) break
    if (/[*?[\]{}]/.test(arg)) return limit
    const full = path.resolve(cwd, arg)
    try {
      if (statSync(full).isDirectory()) walk(full)
      else count++
    } catch {
      count++
    }
  }
  return Math.min(count, limit)
}
