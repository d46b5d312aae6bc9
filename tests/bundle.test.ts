/**
 * The `mtlint` bin is one esbuild bundle (a cold start loads one file
 * instead of hundreds of modules); it must behave exactly as the modules do.
 */
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
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
})
