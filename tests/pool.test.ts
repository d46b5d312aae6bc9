/** Many files on every core: the pooled CLI gives the same report as in-process linting. */
import {execFile} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {articles} from '../bench/generate.js'
import {root} from './helpers.js'

const bin = path.join(root, 'dist', 'bin.js')

function run(args: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], {cwd}, (error, stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr})
    })
  })
}

describe('worker pool', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-pool-'))
  articles(24, 11, 300).forEach((text, index) => {
    writeFileSync(path.join(folder, `article-${String(index).padStart(2, '0')}.${index % 3 === 0 ? 'txt' : 'md'}`), text)
  })

  it('reports the same findings, in the same order, as one thread', async () => {
    const single = await run(['.', '--report', 'json', '--jobs', '1'], folder)
    const pooled = await run(['.', '--report', 'json', '--jobs', '2'], folder)
    expect(pooled.code).toBe(single.code)
    expect(JSON.parse(pooled.stdout)).toEqual(JSON.parse(single.stdout))
    const report = JSON.parse(single.stdout) as Array<{messages: unknown[]}>
    expect(report).toHaveLength(24)
    expect(report.some((d) => d.messages.length > 0)).toBe(true)
  })

  it('fails with exit 2 and the place on a broken configuration', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'mtlint-pool-'))
    for (let index = 0; index < 4; index++) writeFileSync(path.join(broken, `a${index}.md`), 'Text.\n')
    writeFileSync(path.join(broken, '.mtlintrc.json'), '{"glossaries": ["missing.yml"]}')
    const result = await run(['.', '--jobs', '2'], broken)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('missing.yml: cannot read glossary: no such file')
  })

  it('rejects a bad --jobs value', async () => {
    expect((await run(['.', '--jobs', 'many'], folder)).code).toBe(2)
  })
})
