/** Write a file atomically: to a temporary file beside it, then rename. */
import {randomBytes} from 'node:crypto'
import {chmod, rename, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'

/** Options of `writeAtomic`. */
export interface WriteOptions {
  /** File mode to give the new file (`--fix` keeps the article's own permissions). */
  mode?: number | undefined
}

/** Write `value` to `file` so that readers see the old or the new file, never half of one. */
export async function writeAtomic(file: string, value: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const temporary = path.join(path.dirname(file), '.' + path.basename(file) + '.' + randomBytes(6).toString('hex') + '.tmp')
  try {
    await writeFile(temporary, value)
    // chmod, not writeFile's `mode`: that one is filtered by the umask.
    if (options.mode !== undefined) await chmod(temporary, options.mode)
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}
