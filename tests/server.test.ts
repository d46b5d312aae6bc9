/**
 * The language server over stdio with a real LSP client: diagnostics and
 * their metadata, debounce and stale results, quick fixes applied and
 * re-linted, configuration discovery and errors, client settings, and a
 * document with thousands of findings.
 */
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'
import {DiagnosticSeverity, MessageType} from 'vscode-languageserver-protocol'
import {applyEdits, startClient, type Client} from './server-client.js'

// A glossary finding and a name spelled two ways (an invented name, so no pack entry claims it).
const article = 'Vladimir Poutine met the press on Thursday.\n\nOlek Vaitovich and Olek Vaïtovich spoke.\n'

let clients: Client[] = []
let folders: string[] = []

afterEach(async () => {
  await Promise.all(clients.map((d) => d.stop()))
  for (const folder of folders) rmSync(folder, {recursive: true, force: true})
  clients = []
  folders = []
})

function project(files: Record<string, string> = {}): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mtlint-server-'))
  folders.push(folder)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), {recursive: true})
    writeFileSync(path.join(folder, name), text)
  }
  return folder
}

async function start(folder: string, initializationOptions?: unknown): Promise<Client> {
  const client = await startClient({root: folder, initializationOptions})
  clients.push(client)
  return client
}

const uriOf = (folder: string, name: string) => pathToFileURL(path.join(folder, name)).href

describe('mtlint-language-server', () => {
  it('publishes diagnostics with severity, code, url, source and note at the exact range', async () => {
    const folder = project()
    const client = await start(folder)
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    const published = await client.until(() => client.latest(uri))
    expect(published.version).toBe(1)
    const putin = published.diagnostics.find((d) => d.code === 'putin-poutine')
    expect(putin).toMatchObject({
      range: {start: {line: 0, character: 9}, end: {line: 0, character: 16}},
      severity: DiagnosticSeverity.Error,
      source: 'mtlint',
      codeDescription: {href: expect.stringContaining('#putin-poutine')}
    })
    expect(putin!.message.split('\n')[0]).toBe('Unexpected `Poutine`, expected `Putin`')
    expect(putin!.message.split('\n').length).toBeGreaterThan(1)
    const name = published.diagnostics.find((d) => d.code === 'name-consistency')
    expect(name).toMatchObject({range: {start: {line: 2, character: 5}, end: {line: 2, character: 14}}, severity: DiagnosticSeverity.Warning})
  })

  it('debounces rapid edits and publishes only the last version', async () => {
    const folder = project()
    const client = await start(folder, {mtlint: {debounce: 100}})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, 'Nothing to see here.\n')
    await client.until(() => client.latest(uri))
    const before = client.published.length
    // Each edit flips between a text with the finding and one without.
    for (let version = 2; version <= 21; version++) {
      await client.change(uri, version, version % 2 === 0 ? 'Vladimir Putin spoke.\n' : 'Vladimir Poutine spoke.\n')
    }
    const last = await client.until(() => client.latest(uri)?.version === 21 && client.latest(uri))
    expect(last.diagnostics.map((d) => d.code)).toEqual(['putin-poutine'])
    // Wait past another debounce: nothing stale arrives after the last version.
    await new Promise((resolve) => setTimeout(resolve, 400))
    const after = client.published.slice(before).filter((d) => d.uri === uri)
    expect(after.map((d) => d.version)).toEqual([21])
  })

  it('publishes versions in order when edits arrive while linting', async () => {
    const folder = project()
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    for (let version = 2; version <= 30; version++) await client.change(uri, version, article.repeat(version))
    await client.until(() => client.latest(uri)?.version === 30)
    const versions = client.published.filter((d) => d.uri === uri).map((d) => d.version!)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(client.latest(uri)!.diagnostics.filter((d) => d.code === 'putin-poutine')).toHaveLength(30)
  })

  it('offers the preferred quick fix, and applying it removes the warning', async () => {
    const folder = project()
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    const published = await client.until(() => client.latest(uri))
    const putin = published.diagnostics.find((d) => d.code === 'putin-poutine')!
    const actions = await client.codeActions(uri, putin.range, [putin])
    const fix = actions.find((d) => d.isPreferred)
    expect(fix).toMatchObject({title: 'Replace with `Putin`', kind: 'quickfix'})
    const text = applyEdits(article, uri, fix!.edit!.changes![uri])
    expect(text.split('\n')[0]).toBe('Vladimir Putin met the press on Thursday.')
    await client.change(uri, 2, text)
    const after = await client.until(() => client.latest(uri)?.version === 2 && client.latest(uri))
    expect(after.diagnostics.map((d) => d.code)).toEqual(['name-consistency'])
  })

  it('ignores an entry in one paragraph with a comment marker', async () => {
    const folder = project()
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    const text = 'Intro.\n\nVladimir Poutine met\nVladimir Poutine again.\n\nVladimir Poutine, later.\n'
    await client.open(uri, text)
    const published = await client.until(() => client.latest(uri))
    const second = published.diagnostics.find((d) => d.range.start.line === 3)!
    const actions = await client.codeActions(uri, second.range)
    const ignore = actions.find((d) => d.title === 'Ignore `putin-poutine` in this paragraph')!
    const edited = applyEdits(text, uri, ignore.edit!.changes![uri])
    expect(edited).toBe('Intro.\n\n<!--mtlint ignore putin-poutine-->\n\nVladimir Poutine met\nVladimir Poutine again.\n\nVladimir Poutine, later.\n')
    await client.change(uri, 2, edited)
    const after = await client.until(() => client.latest(uri)?.version === 2 && client.latest(uri))
    expect(after.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['putin-poutine', 7]])
  })

  it('puts the ignore marker where plain text and HTML honour it', async () => {
    const folder = project()
    const client = await start(folder, {debounce: 0, rules: {spelling: 'off'}})
    const cases = [
      ['notes.txt', 'Intro.\n\nVladimir Poutine met\nthe press.\n\nVladimir Poutine, later.\n', 'Intro.\n\n<!--mtlint ignore putin-poutine-->\nVladimir Poutine met\nthe press.\n\nVladimir Poutine, later.\n', 'plaintext'],
      ['page.html', '<p>Intro.</p>\n\n  <p>Vladimir Poutine met\n  the press.</p>\n\n<p>Vladimir Poutine, later.</p>\n', '<p>Intro.</p>\n\n  <!--mtlint ignore putin-poutine--><p>Vladimir Poutine met\n  the press.</p>\n\n<p>Vladimir Poutine, later.</p>\n', 'html']
    ] as const
    for (const [name, text, expected, languageId] of cases) {
      const uri = uriOf(folder, name)
      await client.open(uri, text, languageId)
      const published = await client.until(() => client.latest(uri))
      const first = published.diagnostics.find((d) => d.code === 'putin-poutine')!
      const ignore = (await client.codeActions(uri, first.range)).find((d) => d.title.startsWith('Ignore'))!
      const edited = applyEdits(text, uri, ignore.edit!.changes![uri])
      expect(edited).toBe(expected)
      await client.change(uri, 2, edited)
      const after = await client.until(() => client.latest(uri)?.version === 2 && client.latest(uri))
      expect(after.diagnostics.filter((d) => d.code === 'putin-poutine').map((d) => d.range.start.line)).toEqual([edited.split('\n').findIndex((d) => d.includes('later'))])
    }
  })

  it("adds a name to the project's word list, names it in the configuration and re-lints", async () => {
    const folder = project({'.mtlintrc.json': '{\n  "rules": {}\n}\n'})
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    const published = await client.until(() => client.latest(uri))
    const name = published.diagnostics.find((d) => d.code === 'name-consistency')!
    const result = await client.connection.sendRequest('textDocument/codeAction', {textDocument: {uri}, range: name.range, context: {diagnostics: [name]}})
    const add = (result as Array<{title: string; command?: {command: string; arguments: unknown[]}}>).find((d) => d.title.startsWith('Add `Vaitovich`'))!
    expect(add.command!.command).toBe('mtlint.addWord')
    const count = client.published.length
    await client.execute(add.command!.command, add.command!.arguments)
    expect(readFileSync(path.join(folder, '.mtlint-words'), 'utf8')).toMatch(/^Vaitovich$/m)
    expect(JSON.parse(readFileSync(path.join(folder, '.mtlintrc.json'), 'utf8'))).toEqual({wordsFile: '.mtlint-words', rules: {}})
    const after = await client.until(() => client.published.length > count && client.latest(uri))
    expect(after.diagnostics.map((d) => d.code)).toEqual(['putin-poutine'])
  })

  it('finds configuration as the CLI does: package.json#mtlint up the tree, and .mtlintignore', async () => {
    const folder = project({
      'package.json': JSON.stringify({name: 'x', mtlint: {entries: {'putin-poutine': 'off'}}}),
      'news/deep/.keep': '',
      '.mtlintignore': 'drafts/\n'
    })
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'news/deep/article.md')
    await client.open(uri, article)
    const published = await client.until(() => client.latest(uri))
    expect(published.diagnostics.map((d) => d.code)).toEqual(['name-consistency'])
    const draft = uriOf(folder, 'drafts/article.md')
    await client.open(draft, article)
    expect((await client.until(() => client.latest(draft))).diagnostics).toEqual([])
  })

  it('shows a broken configuration with file:line:col, stays alive and publishes again once fixed', async () => {
    const folder = project({'.mtlintrc': '{\n  "rules": {"name-consistency": "off"},\n}\n'})
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    const shown = await client.until(() => client.shown[0])
    expect(shown.type).toBe(MessageType.Error)
    expect(shown.message).toContain(path.join(folder, '.mtlintrc') + ':3:1: invalid JSON')
    expect(client.latest(uri)!.diagnostics).toEqual([])

    // An invalid setting names its line and column too.
    writeFileSync(path.join(folder, '.mtlintrc'), '{\n  "rules": {"name-consistency": "loud"}\n}\n')
    await client.filesChanged([uriOf(folder, '.mtlintrc')])
    const second = await client.until(() => client.shown[1])
    expect(second.message).toContain('.mtlintrc:2:13: `rules.name-consistency` must be off')

    writeFileSync(path.join(folder, '.mtlintrc'), '{\n  "rules": {"name-consistency": "off"}\n}\n')
    const count = client.published.length
    await client.filesChanged([uriOf(folder, '.mtlintrc')])
    const fixed = await client.until(() => client.published.length > count && client.latest(uri)!.diagnostics.length > 0 && client.latest(uri))
    expect(fixed.diagnostics.map((d) => d.code)).toEqual(['putin-poutine'])
  })

  it('shows a broken project glossary, and applies it once fixed', async () => {
    const glossary = (flag: string) =>
      `entries:\n  - id: zorblatt-committee\n    source: comité Zorblatt\n    category: calque\n    flag: ${flag}\n    preferred: steering committee\n    note: "The newsroom calls the *comité Zorblatt* the steering committee."\n`
    const folder = project({'.mtlintrc.json': '{"glossaries": ["newsroom.yml"], "rules": {"spelling": "off"}}', 'newsroom.yml': glossary('[Zorblatt committee')})
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, 'The Zorblatt committee met.\n')
    const shown = await client.until(() => client.shown[0])
    expect(shown.message).toMatch(new RegExp(escape(path.join(folder, 'newsroom.yml')) + ':\\d+:\\d+: '))

    writeFileSync(path.join(folder, 'newsroom.yml'), glossary('Zorblatt committee'))
    await client.filesChanged([uriOf(folder, 'newsroom.yml')])
    const fixed = await client.until(() => client.latest(uri)!.diagnostics.length > 0 && client.latest(uri))
    expect(fixed.diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character])).toEqual([['zorblatt-committee', 4, 22]])
  })

  it('reloads a changed configuration on the next edit, even without file events', async () => {
    const folder = project({'.mtlintrc.yml': 'entries:\n  putin-poutine: "off"\n'})
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    expect((await client.until(() => client.latest(uri))).diagnostics.map((d) => d.code)).toEqual(['name-consistency'])
    writeFileSync(path.join(folder, '.mtlintrc.yml'), 'rules:\n  name-consistency: "off"\n')
    await client.change(uri, 2, article + '\n')
    const after = await client.until(() => client.latest(uri)?.version === 2 && client.latest(uri))
    expect(after.diagnostics.map((d) => d.code)).toEqual(['putin-poutine'])
  })

  it('accepts client settings flat, under `mtlint`, and in the {settings: {mtlint}} shape', async () => {
    const folder = project()
    const client = await start(folder, {entries: {'putin-poutine': 'off'}, debounce: 0})
    const uri = uriOf(folder, 'article.md')
    await client.open(uri, article)
    expect((await client.until(() => client.latest(uri))).diagnostics.map((d) => d.code)).toEqual(['name-consistency'])

    let count = client.published.length
    await client.configure({settings: {mtlint: {rules: {'name-consistency': 'off'}, debounce: 0}}})
    let after = await client.until(() => client.published.length > count && client.latest(uri))
    expect(after.diagnostics.map((d) => d.code)).toEqual(['putin-poutine'])

    count = client.published.length
    await client.configure({mtlint: {entries: {'putin-poutine': 'warning'}, debounce: 0}})
    after = await client.until(() => client.published.length > count && client.latest(uri))
    expect(after.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['putin-poutine', DiagnosticSeverity.Warning],
      ['name-consistency', DiagnosticSeverity.Warning]
    ])
  })

  it('publishes over a thousand findings for a 50,000-word document', async () => {
    const folder = project()
    const client = await start(folder, {debounce: 0})
    const uri = uriOf(folder, 'long.md')
    const paragraph = 'Vladimir Poutine met the delegation on Thursday, and Poutine spoke. ' + 'The journalist described the situation along the border in some detail. '.repeat(4) + '\n\n'
    const text = paragraph.repeat(Math.ceil(52_000 / paragraph.split(/\s+/).length))
    expect(text.split(/\s+/).length).toBeGreaterThan(50_000)
    await client.open(uri, text)
    const published = await client.until(() => client.latest(uri), 60_000)
    expect(published.diagnostics.filter((d) => d.code === 'putin-poutine').length).toBeGreaterThan(1500)
    expect(published.diagnostics.at(-1)!.range.start.line).toBeGreaterThan(1500)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
