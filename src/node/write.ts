/** Write a file atomically: to a temporary file beside it, then rename. */
import {randomBytes} from 'node:crypto'
import {rename, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'

/** Write `value` to `file` so that readers see the old or the new file, never half of one. */
export async function writeAtomic(file: string, value: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), '.' + path.basename(file) + '.' + randomBytes(6).toString('hex') + '.tmp')
  try {
    await writeFile(temporary, value)
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}
