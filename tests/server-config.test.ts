/**
 * The server's configuration discovery and client settings, in process:
 * unified-engine's file order, package.json without the field, errors with
 * places, the settings shapes clients send, merging with the project file,
 * and the lint session the server drives on each change.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'
import {isConfigError, formatProblem} from '../src/errors.js'
import {ConfigFinder, configNames, mergeConfigs, normalizeClientSettings, createLintSession} from '../src/server/index.js'

let folders: string[] = []
afterEach(() => {
  for (const folder of folders) rmSync(folder, {recursive: true, force: true})
  folders = []
})

function project(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mtlint-server-config-'))
  folders.push(folder)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), {recursive: true})
    writeFileSync(path.join(folder, name), text)
  }
  return folder
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (isConfigError(error)) return error.problems.map(formatProblem).join('\n')
    throw error
  }
  throw new Error('expected a configuration error')
}

describe('ConfigFinder', () => {
  it('looks for the CLI’s names in unified-engine’s order, nearest folder first', async () => {
    expect(configNames).toEqual(['.mtlintrc', '.mtlintrc.json', '.mtlintrc.cjs', '.mtlintrc.mjs', '.mtlintrc.js', '.mtlintrc.yaml', '.mtlintrc.yml', 'package.json'])
    const folder = project({
      '.mtlintrc.yml': 'rules:\n  spelling: "off"\n',
      '.mtlintrc.json': '{"words": ["Alpha"]}',
      'a/package.json': '{"name": "no-field"}',
      'a/b/.mtlintrc.mjs': 'export default {words: ["Beta"]}\n'
    })
    const finder = new ConfigFinder()
    expect(await finder.find(path.join(folder, 'doc.md'))).toEqual({file: path.join(folder, '.mtlintrc.json'), config: {words: ['Alpha']}})
    // A package.json without `mtlint` does not stop the search.
    expect((await finder.find(path.join(folder, 'a', 'doc.md')))?.file).toBe(path.join(folder, '.mtlintrc.json'))
    expect(await finder.find(path.join(folder, 'a', 'b', 'doc.md'))).toEqual({file: path.join(folder, 'a', 'b', '.mtlintrc.mjs'), config: {words: ['Beta']}})
  })

  it('makes paths absolute from the configuration file’s folder', async () => {
    const folder = project({'news/package.json': JSON.stringify({mtlint: {glossaries: ['g/names.yml'], wordsFile: 'words.txt'}})})
    const found = await new ConfigFinder().find(path.join(folder, 'news', 'x', 'doc.md'))
    expect(found?.config).toEqual({glossaries: [path.join(folder, 'news', 'g', 'names.yml')], wordsFile: path.join(folder, 'news', 'words.txt')})
  })

  it('names the file, line and column of broken JSON and YAML', async () => {
    const folder = project({'json/.mtlintrc': '{\n  "rules": {\n    "spelling": "off",\n  }\n}\n', 'yaml/.mtlintrc.yml': 'rules:\n  spelling: [off\n'})
    const finder = new ConfigFinder()
    expect(await problemOf(finder.find(path.join(folder, 'json', 'doc.md')))).toMatch(new RegExp('^' + escape(path.join(folder, 'json', '.mtlintrc')) + ':4:3: invalid JSON'))
    expect(await problemOf(finder.find(path.join(folder, 'yaml', 'doc.md')))).toMatch(new RegExp('^' + escape(path.join(folder, 'yaml', '.mtlintrc.yml')) + ':\\d+:\\d+: invalid YAML'))
  })

  it('re-reads a file whose content changed', async () => {
    const folder = project({'.mtlintrc.json': '{"words": ["One"]}'})
    const finder = new ConfigFinder()
    expect((await finder.find(path.join(folder, 'doc.md')))?.config.words).toEqual(['One'])
    writeFileSync(path.join(folder, '.mtlintrc.json'), '{"words": ["Two", "Three"]}')
    expect((await finder.find(path.join(folder, 'doc.md')))?.config.words).toEqual(['Two', 'Three'])
  })

  it('applies the nearest .mtlintignore relative to its folder', () => {
    const folder = project({'.mtlintignore': 'drafts/\n*.old.md\n', 'sub/.keep': ''})
    const finder = new ConfigFinder()
    expect(finder.ignored(path.join(folder, 'drafts', 'a.md'))).toBe(true)
    expect(finder.ignored(path.join(folder, 'sub', 'b.old.md'))).toBe(true)
    expect(finder.ignored(path.join(folder, 'sub', 'b.md'))).toBe(false)
  })
})

describe('client settings', () => {
  const root = '/work/space'
  const shapes = {
    flat: {debounce: 50, rules: {spelling: 'off'}},
    section: {mtlint: {debounce: 50, rules: {spelling: 'off'}}},
    'didChangeConfiguration (VS Code, Neovim 0.7)': {settings: {mtlint: {debounce: 50, rules: {spelling: 'off'}}}},
    'whole settings table with other servers': {mtlint: {debounce: 50, rules: {spelling: 'off'}}, lua: {diagnostics: {}}}
  }
  for (const [name, value] of Object.entries(shapes)) {
    it(`accepts the ${name} shape`, () => {
      expect(normalizeClientSettings(value, root)).toEqual({config: {rules: {spelling: 'off'}}, server: {debounce: 50}})
    })
  }

  it('resolves paths from the workspace root and rejects unknown keys with the reason', () => {
    expect(normalizeClientSettings({mtlint: {glossaries: ['g.yml'], enable: false, serverPath: '/x'}}, root)).toEqual({config: {glossaries: [path.join(root, 'g.yml')]}, server: {enable: false}})
    expect(() => normalizeClientSettings({mtlint: {rulez: {}}}, root)).toThrow(/unknown setting `rulez`/)
    expect(normalizeClientSettings(null, root)).toEqual({config: {}, server: {}})
  })

  it('lets the project file win per id and joins lists', () => {
    expect(
      mergeConfigs(
        {rules: {spelling: 'off', 'number-format': 'info'}, words: ['A'], glossaries: ['/g1'], ruleOptions: {spelling: {maxSuggestions: 1, reportNames: true}}, pack: 'fr-en'},
        {rules: {spelling: 'warning'}, words: ['B', 'A'], ruleOptions: {spelling: {maxSuggestions: 5}}}
      )
    ).toEqual({
      rules: {spelling: 'warning', 'number-format': 'info'},
      words: ['A', 'B'],
      glossaries: ['/g1'],
      ruleOptions: {spelling: {maxSuggestions: 5, reportNames: true}},
      pack: 'fr-en'
    })
  })
})

describe('LintSession', () => {
  it('lints with the project configuration and client settings, and reports errors instead of throwing', async () => {
    const folder = project({'.mtlintrc.json': '{"entries": {"putin-poutine": "warning"}}'})
    const session = createLintSession({root: folder, settings: {mtlint: {rules: {spelling: 'off'}}}})
    const uri = pathToFileURL(path.join(folder, 'a.md')).href
    const result = await session.lint({uri, text: 'Vladimir Poutine spoke.\n'})
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['putin-poutine', 2]])

    writeFileSync(path.join(folder, '.mtlintrc.json'), '{"entries": {"putin-poutine": "loud"}}')
    session.invalidate()
    const broken = await session.lint({uri, text: 'Vladimir Poutine spoke.\n'})
    expect(broken.diagnostics).toEqual([])
    expect(broken.error?.problems[0]).toMatchObject({file: path.join(folder, '.mtlintrc.json'), line: 1, reason: expect.stringContaining('putin-poutine')})
  })

  it('lints documents that are not files by their language', async () => {
    const session = createLintSession({root: os.tmpdir(), settings: {rules: {spelling: 'off'}}})
    const html = await session.lint({uri: 'untitled:Untitled-1', text: '<p>Vladimir <b>Poutine</b></p>', languageId: 'html'})
    expect(html.diagnostics.map((d) => d.range.start.character)).toEqual([15])
  })

  it('serialises concurrent lints of documents sharing paragraphs', async () => {
    const folder = project({})
    const session = createLintSession({root: folder})
    // The spelling rule awaits its dictionary: the rule that reports after an await.
    const shared = 'Vladimir Poutine spoke of the goverment.\n\n'
    const texts = Array.from({length: 6}, (_, index) => 'Intro.\n\n'.repeat(index) + shared + 'Vladimir Poutine again.\n')
    const results = await Promise.all(texts.map((text, index) => session.lint({uri: pathToFileURL(path.join(folder, `d${index}.md`)).href, text})))
    for (const [index, result] of results.entries()) {
      expect(result.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
        ['putin-poutine', index * 2],
        ['spelling', index * 2],
        ['putin-poutine', index * 2 + 2]
      ])
    }
  })

  it('silences a spelling finding once its word is in the project list', async () => {
    const folder = project({})
    const session = createLintSession({root: folder})
    const uri = pathToFileURL(path.join(folder, 'doc.md')).href
    const text = 'The Vaitovichs govermentality was discussed.\n'
    const before = await session.lint({uri, text})
    const spelling = before.diagnostics.find((d) => d.code === 'spelling')
    expect(spelling, JSON.stringify(before.diagnostics)).toBeDefined()
    const word = (spelling!.data as {actual: string}).actual
    await session.addWord(uri, word)
    const after = await session.lint({uri, text})
    expect(after.diagnostics.filter((d) => (d.data as {actual?: string}).actual === word)).toEqual([])
  })

  it("adds a word to an existing wordsFile without touching the configuration", async () => {
    const folder = project({'.mtlintrc.yml': 'wordsFile: names.txt\n', 'names.txt': '# names\nAlpha'})
    const session = createLintSession({root: folder})
    const written = await session.addWord(pathToFileURL(path.join(folder, 'doc.md')).href, 'Vaitovich')
    expect(written).toEqual({wordsFile: path.join(folder, 'names.txt')})
    expect(readFileSync(path.join(folder, 'names.txt'), 'utf8')).toBe('# names\nAlpha\nVaitovich\n')
    expect(readFileSync(path.join(folder, '.mtlintrc.yml'), 'utf8')).toBe('wordsFile: names.txt\n')
    // Twice is once.
    await session.addWord(pathToFileURL(path.join(folder, 'doc.md')).href, 'Vaitovich')
    expect(readFileSync(path.join(folder, 'names.txt'), 'utf8')).toBe('# names\nAlpha\nVaitovich\n')
  })

  it('names a new word list in package.json#mtlint and YAML, or creates .mtlintrc.json', async () => {
    const pkg = project({'package.json': '{\n  "name": "x",\n  "mtlint": {}\n}\n'})
    await createLintSession({root: pkg}).addWord(pathToFileURL(path.join(pkg, 'doc.md')).href, 'Vaitovich')
    expect(JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'))).toEqual({name: 'x', mtlint: {wordsFile: '.mtlint-words'}})

    const yaml = project({'.mtlintrc.yml': 'rules:\n  spelling: warning'})
    await createLintSession({root: yaml}).addWord(pathToFileURL(path.join(yaml, 'doc.md')).href, 'Vaitovich')
    expect(readFileSync(path.join(yaml, '.mtlintrc.yml'), 'utf8')).toBe('rules:\n  spelling: warning\nwordsFile: .mtlint-words\n')

    const none = project({})
    const written = await createLintSession({root: none}).addWord(pathToFileURL(path.join(none, 'sub', 'doc.md')).href, 'Vaitovich')
    expect(written).toEqual({wordsFile: path.join(none, '.mtlint-words'), configFile: path.join(none, '.mtlintrc.json')})
    expect(readFileSync(path.join(none, '.mtlint-words'), 'utf8')).toBe('# Correct words and names for mtlint, one per line.\nVaitovich\n')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
