/**
 * Reporters: SARIF 2.1.0 (schema-valid for the seed and every corpus
 * article, clean under the official validator), GitHub workflow commands
 * (byte-compared, escaping included), GitLab Code Quality, JSON (checked
 * against vfile-reporter-json's own output), the JSON and stylish scores, and
 * the article score itself.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {lint} from '../src/index.js'
import {report, visibleFiles} from '../src/reporters/index.js'
import {reporterJson} from 'vfile-reporter-json'
import {escapeData, escapeProperty, github} from '../src/reporters/github.js'
import {countWords, defaultWeights, scoreFile} from '../src/reporters/score.js'
import type {SarifLog} from '../src/reporters/sarif.js'
import {parseToNlcst} from '../src/parse.js'
import {root} from './helpers.js'

const corpus = path.join(root, 'corpus', 'fr-en')
const schemaFile = path.join(root, 'tests', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json')

/** The seed and every corpus article. */
function articles(): string[] {
  return readdirSync(corpus)
    .filter((d) => /\.(txt|md|markdown|html?)$/.test(d))
    .sort()
    .map((d) => path.join(corpus, d))
}

async function lintFile(file: string): Promise<VFile> {
  const value = readFileSync(file, 'utf8')
  const linted = await lint(new VFile({path: path.relative(root, file), cwd: root, value}))
  return linted
}

function validator() {
  const ajv = new Ajv2020({allErrors: true, strict: false})
  // ajv-formats' CommonJS default export, through ESM interop.
  ;(addFormats as unknown as (ajv: Ajv2020) => void)(ajv)
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object)
}

/** A message with mtlint's fields, made by hand for byte-exact reporter tests. */
function message(file: VFile, reason: string, fields: Record<string, unknown>, place: {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}}) {
  const result = file.message(reason, {place, ruleId: fields['ruleId'] as string, source: 'mtlint'})
  Object.assign(result, fields)
  return result
}

describe('sarif', () => {
  const validate = validator()

  it('the seed: schema-valid, with rule metadata, regions in UTF-16 columns, fixes and the score', async () => {
    const file = await lintFile(path.join(corpus, '000.txt'))
    const text = report('sarif', [file], {cwd: root})
    const log = JSON.parse(text) as SarifLog
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    const run = log.runs[0]!
    expect(run.columnKind).toBe('utf16CodeUnits')
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe('file://' + root + '/')
    const rule = run.tool.driver.rules.find((d) => d.id === 'putin-poutine')!
    expect(rule).toMatchObject({
      name: 'PutinPoutine',
      helpUri: 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md#putin-poutine',
      defaultConfiguration: {level: 'error'},
      fullDescription: {markdown: "*Poutine* is the French spelling of Vladimir Putin's name; English uses Putin."},
      properties: {category: 'terminology'}
    })
    const result = (run.results as Array<Record<string, unknown> & SarifLog['runs'][number]['results'][number]>).find((d) => d.ruleId === 'putin-poutine')!
    expect(result.level).toBe('error')
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe('putin-poutine')
    const physical = result.locations[0]!.physicalLocation
    expect(physical.artifactLocation).toEqual({uri: 'corpus/fr-en/000.txt', uriBaseId: '%SRCROOT%', index: 0})
    expect(physical.region).toEqual({startLine: 3, startColumn: 10, endLine: 3, endColumn: 17, charOffset: 101, charLength: 7, snippet: {text: 'Poutine'}})
    // The context: up to 80 code units either side, on the same line, columns shifted by as much.
    const seed = String(file.value)
    expect(physical.contextRegion).toEqual({startLine: 3, startColumn: 1, endLine: 3, endColumn: 97, charOffset: 92, charLength: 96, snippet: {text: seed.slice(92, 188)}})
    expect(seed.slice(92, 101)).toBe('Vladimir ')
    expect(result.fixes).toEqual([
      {
        description: {text: 'Replace `Poutine` with `Putin`.'},
        artifactChanges: [
          {
            artifactLocation: {uri: 'corpus/fr-en/000.txt', uriBaseId: '%SRCROOT%', index: 0},
            replacements: [{deletedRegion: {startLine: 3, startColumn: 10, endLine: 3, endColumn: 17, charOffset: 101, charLength: 7}, insertedContent: {text: 'Putin'}}]
          }
        ]
      }
    ])
    expect(result.properties).toMatchObject({category: 'terminology', rule: 'glossary', actual: 'Poutine', expected: ['Putin']})
    // A finding not marked safe carries no fix.
    const unsafe = run.results.find((d) => d.ruleId === 'name-consistency')
    if (unsafe) expect(unsafe.fixes).toBeUndefined()
    const score = scoreFile(file)
    expect(run.artifacts[0]!.properties.score).toEqual(score)
    expect(result.properties['articleScore']).toBe(score.score)
  })

  it('every corpus article: schema-valid', async () => {
    const files = articles()
    expect(files.length).toBeGreaterThan(1)
    for (const name of files) {
      const file = await lintFile(name)
      const log = JSON.parse(report('sarif', [file], {cwd: root})) as SarifLog
      expect(validate(log), name + ': ' + JSON.stringify(validate.errors)).toBe(true)
      // The snippet of every region and context is the text it covers; a context holds its region.
      const value = String(file.value)
      for (const result of log.runs[0]!.results) {
        const {region, contextRegion} = result.locations[0]!.physicalLocation
        if (region?.charOffset !== undefined) expect(region.snippet?.text).toBe(value.slice(region.charOffset, region.charOffset + region.charLength!))
        if (contextRegion && region) {
          expect(contextRegion.snippet?.text).toBe(value.slice(contextRegion.charOffset!, contextRegion.charOffset! + contextRegion.charLength!))
          expect(contextRegion.charOffset!).toBeLessThanOrEqual(region.charOffset!)
          expect(contextRegion.charOffset! + contextRegion.charLength!).toBeGreaterThanOrEqual(region.charOffset! + region.charLength!)
          expect(contextRegion.charLength!).toBeGreaterThan(region.charLength!)
        }
      }
    }
  })

  it('counts columns in UTF-16 code units (an emoji is two)', async () => {
    const file = await lint('😀 Poutine spoke.\n', {path: 'emoji.txt'})
    const log = JSON.parse(report('sarif', [file])) as SarifLog
    const region = log.runs[0]!.results.find((d) => d.ruleId === 'putin-poutine')!.locations[0]!.physicalLocation.region!
    expect(region).toMatchObject({startLine: 1, startColumn: 4, endColumn: 11, charOffset: 3, charLength: 7})
  })

  it('gives files outside the working folder a file: URL and no base id', async () => {
    const file = await lint('Poutine spoke.', {path: '/elsewhere/a b.txt'})
    const log = JSON.parse(report('sarif', [file], {cwd: '/work/x'})) as SarifLog
    expect(log.runs[0]!.artifacts[0]!.location).toEqual({uri: 'file:///elsewhere/a%20b.txt'})
    expect(validate(log)).toBe(true)
  })

  // The official validator is a .NET binary in @microsoft/sarif-multitool-linux.
  // npm's allowScripts may skip its postinstall chmod; make it executable here.
  const multitool = path.join(root, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool')
  // Every rule at its default but SARIF2006, which fetches each helpUri (a network wait per URL).
  const offline = path.join(root, 'tests', 'fixtures', 'sarif', 'validate-offline.xml')
  const runnable = (() => {
    if (process.platform !== 'linux' || !existsSync(multitool)) return false
    try {
      if ((statSync(multitool).mode & 0o100) === 0) chmodSync(multitool, 0o755)
      return spawnSync(multitool, ['--version'], {env: {...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1'}, timeout: 60_000}).status === 0
    } catch {
      return false
    }
  })()

  // On CI the validator must run: a machine where it cannot fails loudly instead of skipping.
  it.skipIf(!runnable && !process.env['CI'])('is clean under `sarif-multitool validate` (seed and every corpus article, through the CLI)', () => {
    expect(runnable, 'Sarif.Multitool cannot run on this machine').toBe(true)
    const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-sarif-'))
    const log = path.join(folder, 'corpus.sarif')
    // The CLI as CI runs it: the whole corpus, one SARIF log (through the worker pool).
    spawnSync(process.execPath, [path.join(root, 'dist', 'bin.js'), 'corpus/fr-en', '--report', 'sarif', '--output', log, '--jobs', '2'], {cwd: root})
    expect(existsSync(log)).toBe(true)
    const parsed = JSON.parse(readFileSync(log, 'utf8')) as SarifLog
    expect(parsed.runs[0]!.artifacts.length).toBe(articles().length)
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true)
    const out = path.join(folder, 'validation.sarif')
    execFileSync(multitool, ['validate', log, '--output', out, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', '--config', offline], {
      env: {...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1'},
      timeout: 120_000,
      stdio: 'pipe'
    })
    const validation = JSON.parse(readFileSync(out, 'utf8')) as {runs: Array<{results: Array<{ruleId: string; level?: string; message: {text?: string}}>}>}
    const results = validation.runs[0]!.results
    // Errors and warnings fail; notes are advice mtlint declines on purpose:
    // SARIF2002 (message ids instead of text), SARIF2003 (version control
    // provenance), SARIF2009 (ids like `CS2001`: ours are stable words
    // users switch off),
    // SARIF2011 (no context region when the finding is its whole line),
    // SARIF2013 (embedded file contents).
    const problems = results.filter((d) => (d.level ?? 'warning') !== 'note')
    expect(problems.map((d) => d.ruleId + ': ' + (d.message.text ?? ''))).toEqual([])
    const advice = new Set(results.map((d) => d.ruleId))
    for (const id of advice) expect(['SARIF2002', 'SARIF2003', 'SARIF2009', 'SARIF2011', 'SARIF2013']).toContain(id)
    // The validator does report broken logs (it is not a no-op): a region ending before it starts.
    const broken = structuredClone(parsed) as unknown as {runs: Array<{results: Array<{locations: Array<{physicalLocation: {region: {endLine: number}}}>}>}>}
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.endLine = 0
    writeFileSync(path.join(folder, 'broken.sarif'), JSON.stringify(broken))
    execFileSync(multitool, ['validate', path.join(folder, 'broken.sarif'), '--output', out, '--log', 'ForceOverwrite', '--config', offline], {
      env: {...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1'},
      timeout: 120_000,
      stdio: 'pipe'
    })
    const again = JSON.parse(readFileSync(out, 'utf8')) as typeof validation
    expect(again.runs[0]!.results.some((d) => d.level === 'error')).toBe(true)
  }, 240_000)
})

describe('json', () => {
  it("is vfile-reporter-json's output plus mtlint's fields and the score", async () => {
    const files = [
      await lintFile(path.join(corpus, '000.txt')),
      await lint('Vladimir Putin spoke.', {path: 'clean.txt'}),
      await lint('Vladimir Poutine spoke : “ yes ”.', {path: 'b.md'})
    ]
    expect(files[0]!.messages.length).toBeGreaterThan(5)
    for (const options of [{}, {quiet: true}, {silent: true}]) {
      const ours = JSON.parse(report('json', files, options)) as Array<Record<string, unknown> & {messages: Array<Record<string, unknown>>}>
      const theirs = JSON.parse(reporterJson(visibleFiles(files, options), options)) as unknown[]
      const extras = ['category', 'categoryName', 'safe', 'rule']
      // Every message carries mtlint's fields, after the library's own.
      for (const file of ours) {
        expect(file['score']).toMatchObject({words: expect.any(Number)})
        for (const message of file.messages) {
          expect(Object.keys(message).slice(-extras.length)).toEqual(extras)
        }
      }
      const stripped = ours.map(({score, ...file}) => ({
        ...file,
        messages: file.messages.map((message) => Object.fromEntries(Object.entries(message).filter(([key]) => !extras.includes(key))))
      }))
      expect(JSON.stringify(stripped)).toBe(JSON.stringify(theirs))
    }
  })
})

describe('github', () => {
  it('escapes data and properties as the Actions runner does', () => {
    expect(escapeData('50% off:\r\nnext, line')).toBe('50%25 off:%0D%0Anext, line')
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae')
  })

  it('byte-compares workflow commands for messages with %, :, commas, newlines and non-ASCII', () => {
    const file = new VFile({path: 'news/Émile, l’été: 100%.md', cwd: '/repo'})
    const start = {line: 2, column: 5, offset: 9}
    message(file, 'Unexpected `« forces de l’ordre »`, expected `police`: 100% sure', {
      ruleId: 'forces-of-order',
      fatal: true,
      note: 'French *forces de l’ordre*\nmeans the police, 50%: always.',
      category: 'linguistic/calque'
    }, {start, end: {line: 3, column: 2, offset: 30}})
    message(file, 'Décimale: 3,5 %', {ruleId: 'number-format', fatal: false, category: 'locale-convention/number-format'}, {
      start: {line: 4, column: 1, offset: 40},
      end: {line: 4, column: 6, offset: 45}
    })
    const info = message(file, 'Name «Andreï» 😀', {ruleId: 'name-consistency', category: 'terminology/inconsistent-use'}, {
      start: {line: 5, column: 3, offset: 50},
      end: {line: 5, column: 9, offset: 56}
    })
    info.fatal = undefined
    const output = github([file], [{words: 10, minor: 1, major: 1, critical: 1, points: 16, score: 1600, maxScore: 20, failed: true}], '/repo')
    const expected =
      '::error file=news/Émile%2C l’été%3A 100%25.md,line=2,col=5,endLine=3,endColumn=2,title=forces-of-order (linguistic/calque)::Unexpected `« forces de l’ordre »`, expected `police`: 100%25 sure%0AFrench forces de l’ordre%0Ameans the police, 50%25: always.\n' +
      '::warning file=news/Émile%2C l’été%3A 100%25.md,line=4,col=1,endLine=4,endColumn=6,title=number-format (locale-convention/number-format)::Décimale: 3,5 %25\n' +
      '::notice file=news/Émile%2C l’été%3A 100%25.md,line=5,col=3,endLine=5,endColumn=9,title=name-consistency (terminology/inconsistent-use)::Name «Andreï» 😀\n' +
      '::error file=news/Émile%2C l’été%3A 100%25.md,title=mtlint score over the limit::1600.0 penalty points per 1,000 words exceeds the maximum 20 (1 critical, 1 major, 1 minor in 10 words)\n'
    expect(output).toBe(expected)
    expect(Buffer.from(output, 'utf8').equals(Buffer.from(expected, 'utf8'))).toBe(true)
  })

  it('reports the seed through report()', async () => {
    const file = await lintFile(path.join(corpus, '000.txt'))
    const output = report('github', [file], {cwd: root})
    expect(output.split('\n').find((d) => d.includes('title=putin-poutine'))).toBe(
      "::error file=corpus/fr-en/000.txt,line=3,col=10,endLine=3,endColumn=17,title=putin-poutine (terminology)::Unexpected `Poutine`, expected `Putin`%0APoutine is the French spelling of Vladimir Putin's name; English uses Putin."
    )
  })
})

describe('gitlab', () => {
  it('writes Code Quality issues whose fingerprints survive moving the text', async () => {
    const first = await lint('Vladimir Poutine spoke. Poutine left.\n', {path: 'a.md'})
    const moved = await lint('A new first paragraph.\n\nVladimir Poutine spoke. Poutine left.\n', {path: 'a.md'})
    type Issue = {description: string; check_name: string; fingerprint: string; severity: string; location: {path: string; lines: {begin: number}}}
    const before = JSON.parse(report('gitlab', [first], {cwd: first.cwd})) as Issue[]
    const after = JSON.parse(report('gitlab', [moved], {cwd: moved.cwd})) as Issue[]
    expect(before[0]).toEqual({
      description: 'Unexpected `Poutine`, expected `Putin`',
      check_name: 'putin-poutine',
      fingerprint: before[0]!.fingerprint,
      severity: 'critical',
      location: {path: 'a.md', lines: {begin: 1}}
    })
    expect(before[0]!.fingerprint).toMatch(/^[0-9a-f]{32}$/)
    // Two findings of one text in one file: distinct fingerprints.
    expect(new Set(before.map((d) => d.fingerprint)).size).toBe(before.length)
    expect(after.map((d) => d.fingerprint)).toEqual(before.map((d) => d.fingerprint))
    expect(after[0]!.location.lines.begin).toBe(3)
  })
})

describe('score', () => {
  it('weighs minor 1, major 5, critical 10 per 1,000 prose words; code is not prose', async () => {
    expect(defaultWeights).toEqual({minor: 1, major: 5, critical: 10})
    const prose = 'Vladimir Poutine met Alexandre Loukachenko in Minsk on Friday.'
    const file = await lint(prose + '\n\n```\nPoutine code words here do not count at all\n```\n\nSee `Poutine` too.\n', {path: 'a.md', entries: {'lukashenko-loukachenko': 'warning'}})
    const withoutCode = prose + '\n\nSee too.\n'
    const words = countWords(parseToNlcst(withoutCode, new VFile({value: withoutCode}), 'markdown'))
    expect(words).toBe(11)
    expect(file.data.mtlintWords).toBe(words)
    const score = scoreFile(file)
    expect(score).toMatchObject({words, critical: 1, major: 1, minor: 0, points: 15})
    expect(score.score).toBe(Math.round((15 / words) * 1000 * 100) / 100)
    expect(scoreFile(file, {weights: {major: 2}}).points).toBe(12)
    expect(scoreFile(file, {maxScore: 1}).failed).toBe(true)
    expect(scoreFile(file, {maxScore: 10_000}).failed).toBe(false)
  })

  it('scores a clean or empty document 0', async () => {
    expect(scoreFile(await lint('', {path: 'a.txt'}))).toMatchObject({words: 0, points: 0, score: 0, failed: false})
  })

  it('is in the JSON report and under the stylish one, per file', async () => {
    const dirty = await lint('Vladimir Poutine spoke.', {path: 'a.txt'})
    const clean = await lint('Vladimir Putin spoke.', {path: 'b.txt'})
    const json = JSON.parse(report('json', [dirty, clean], {cwd: dirty.cwd})) as Array<{path: string; score: {score: number; words: number}}>
    expect(json.map((d) => [d.path, d.score.score, d.score.words])).toEqual([
      ['a.txt', 3333.33, 3],
      ['b.txt', 0, 3]
    ])
    const stylish = report('stylish', [dirty, clean], {cwd: dirty.cwd, scoring: {maxScore: 100}})
    expect(stylish.endsWith('a.txt: score 3333.3 per 1,000 words (1 critical in 3 words, over the maximum 100)\nb.txt: score 0.0 per 1,000 words (3 words, maximum 100)')).toBe(true)
  })
})
