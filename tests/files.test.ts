/**
 * `countFiles`: how many input files the CLI sees before it decides on a
 * worker pool (folders walked for the extensions, dot-folders and
 * node_modules skipped, symbolic links followed, globs taken as many).
 */
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {countFiles} from '../src/node/files.js'

let dir = ''

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mtlint-files-'))
  const write = (name: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    writeFileSync(path.join(dir, name), 'x\n')
  }
  for (const name of ['a.md', 'b.MD', 'c.txt', 'd.png', 'sub/e.md', 'sub/deeper/f.html', '.hidden/g.md', 'node_modules/h.md', 'outside/i.md']) write(name)
  symlinkSync(path.join(dir, 'outside'), path.join(dir, 'sub', 'linked'))
  symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'sub', 'link.md'))
  symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'sub', 'broken.md'))
})

afterAll(() => {
  rmSync(dir, {recursive: true, force: true})
})

describe('countFiles', () => {
  const extensions = ['md', 'txt', 'html']

  it('walks folders for the extensions, skipping dot-folders and node_modules, following links', () => {
    // a.md, b.MD, c.txt, sub/e.md, sub/deeper/f.html, sub/linked/i.md,
    // sub/link.md, outside/i.md — not d.png, .hidden, node_modules, the broken link.
    expect(countFiles(['.'], dir, extensions, 1000)).toBe(8)
  })

  it('stops at the limit', () => {
    expect(countFiles(['.'], dir, extensions, 3)).toBe(3)
  })

  it('counts named files and takes a glob for many', () => {
    expect(countFiles(['a.md', 'd.png', 'nowhere.md'], dir, extensions, 1000)).toBe(3)
    expect(countFiles(['**/*.md'], dir, extensions, 50)).toBe(50)
  })
})
