/**
 * The `mtlint` bin is one esbuild bundle (a cold start loads one file
 * instead of hundreds of modules); it must behave exactly as the modules do.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {root} from './helpers.js'

function run(bin: string, args: string[]): Promise<{code: number; stdout: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], {cwd: root, maxBuffer: 64 * 1024 * 1024}, (error, stdout) => {
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout})
    })
  })
}

describe('bundled bin', () => {
  it('is the package bin', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin: Record<string, string>}
    expect(pkg.bin['mtlint']).toBe('dist/bundle/mtlint.js')
  })

  it('reports exactly what the modules report on the whole corpus', async () => {
    const args = ['corpus/fr-en', '--report', 'json', '--jobs', '1']
    const bundled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), args)
    const modules = await run(path.join(root, 'dist', 'bin.js'), args)
    expect(bundled.code).toBe(modules.code)
    expect(bundled.stdout.length).toBeGreaterThan(1000)
    expect(bundled.stdout).toBe(modules.stdout)
  })

  it('lints many files in its worker pool exactly as in process', async () => {
    // The bundle must find a worker it can start: tinypool resolves its own
    // thread entry beside its module, which a bundle would not carry.
    const pooled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), ['corpus/fr-en', '--report', 'json', '--jobs', '2'])
    const single = await run(path.join(root, 'dist', 'bin.js'), ['corpus/fr-en', '--report', 'json', '--jobs', '1'])
    expect(pooled.code).toBe(single.code)
    expect(JSON.parse(pooled.stdout)).toHaveLength(JSON.parse(single.stdout).length)
    expect(pooled.stdout).toBe(single.stdout)
  })

  it('replaces the engine’s queue step and still waits for every file, in any order of arrival', async () => {
    // The bundle's linear queue (src/node/engine-queue.ts) against the
    // engine's own (the modules): error findings, clean files, an ignored
    // file, a file that fails to read as text, and a pool finishing files
    // out of order must give the same report and exit code.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mtlint-queue-'))
    try {
      mkdirSync(path.join(dir, 'b'))
      for (let index = 0; index < 150; index++) {
        const name = path.join(index % 2 ? 'b' : '.', `article-${String(index).padStart(3, '0')}.md`)
        const text =
          index % 3 === 0
            ? `# Moscow\n\nVladimir Poutine spoke at the call of the unions (${index}).\n`
            : index % 3 === 1
              ? `# Clean ${index}\n\nThe minister spoke on Tuesday.\n`
              : 'x'.repeat(20 + index) + '\n'
        writeFileSync(path.join(dir, name), text)
      }
      writeFileSync(path.join(dir, 'b', 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a]))
      writeFileSync(path.join(dir, 'skipped.md'), 'Vladimir Poutine\n')
      writeFileSync(path.join(dir, '.mtlintignore'), 'skipped.md\n')
      const args = [dir, '--report', 'json']
      const modules = await run(path.join(root, 'dist', 'bin.js'), [...args, '--jobs', '1'])
      const files = JSON.parse(modules.stdout) as Array<{path: string; messages: unknown[]}>
      expect(files.length).toBe(151)
      expect(files.some((d) => d.path.endsWith('skipped.md'))).toBe(false)
      // The binary file fails on input (exit 2), after every other file is linted.
      expect(modules.code).toBe(2)
      const binary = files.find((d) => d.path.endsWith('binary.md')) as {messages: Array<{fatal?: boolean}>} | undefined
      expect(binary?.messages.some((d) => d.fatal === true)).toBe(true)
      expect(files.filter((d) => d.messages.length > 0).length).toBeGreaterThan(50)
      for (const jobs of ['1', '3']) {
        const bundled = await run(path.join(root, 'dist', 'bundle', 'mtlint.js'), [...args, '--jobs', jobs])
        expect(bundled.code).toBe(modules.code)
        expect(bundled.stdout).toBe(modules.stdout)
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
