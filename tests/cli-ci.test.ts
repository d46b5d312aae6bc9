/**
 * The CI flags as a subprocess, against folders holding their own
 * `.mtlintrc`: `--report sarif|github|gitlab`, `--output`, the score gate
 * (`--max-score`, `maxScore`, `weights`), `--fix`, `--fix-dry-run` and
 * `--since REV` in a real git repository.
 */
import {execFile, execFileSync} from 'node:child_process'
import {chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseHunks} from '../src/since.js'
import {root} from './helpers.js'

const bin = path.join(root, 'dist', 'bin.js')

interface Result {
  code: number
  stdout: string
  stderr: string
}

function run(args: string[], cwd: string, input = ''): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], {cwd, maxBuffer: 64 * 1024 * 1024, env: {...process.env, NO_COLOR: '1'}}, (error, stdout, stderr) => {
      resolve({code: error ? Number((error as {code?: number}).code ?? 1) : 0, stdout, stderr})
    })
    child.stdin!.end(input)
  })
}

/** Write a tree of files under a fresh temporary folder. */
function project(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'mtlint-ci-'))
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), {recursive: true})
    writeFileSync(path.join(folder, name), value)
  }
  return folder
}

/** About 600 words of clean English around one sentence. */
function longArticle(sentence: string): string {
  const filler = 'The minister said the budget would be presented to parliament next week after talks with the unions. '
  return Array.from({length: 18}, () => filler + filler + filler).join('\n\n') + '\n\n' + sentence + '\n'
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('Run `npm run build` first (npm test does): missing ' + bin)
})

describe('--report', () => {
  const files = {
    '.mtlintrc.yml': 'entries:\n  lukashenko-loukachenko: warning\n',
    'news/a, b: 100%.md': '# Minsk\n\nVladimir **Poutine** met Alexandre Loukachenko.\n'
  }

  it('sarif to --output: written whole, nothing on stdout, exit code kept', async () => {
    const cwd = project(files)
    const result = await run(['news', '--report', 'sarif', '--output', 'mtlint.sarif'], cwd)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const log = JSON.parse(readFileSync(path.join(cwd, 'mtlint.sarif'), 'utf8')) as {
      runs: Array<{results: Array<{ruleId: string; level: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}>}>
    }
    expect(log.runs[0]!.results.map((d) => [d.ruleId, d.level])).toEqual([
      ['putin-poutine', 'error'],
      ['lukashenko-loukachenko', 'warning']
    ])
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('news/a%2C%20b%3A%20100%25.md')
    // The temporary file was renamed over the report: none is left behind.
    expect(readdirSync(cwd).filter((d) => d.endsWith('.tmp'))).toEqual([])
  })

  it('github: workflow commands, properties escaped, on stdout', async () => {
    const result = await run(['news', '--report', 'github'], project(files))
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      "::error file=news/a%2C b%3A 100%25.md,line=3,col=12,endLine=3,endColumn=19,title=putin-poutine (terminology)::Unexpected `Poutine`, expected `Putin`%0APoutine is the French spelling of Vladimir Putin's name; English uses Putin.\n" +
        '::warning file=news/a%2C b%3A 100%25.md,line=3,col=36,endLine=3,endColumn=47,title=lukashenko-loukachenko (terminology)::Unexpected `Loukachenko`, expected `Lukashenko`%0ALoukachenko is the French transliteration; English uses Lukashenko.\n'
    )
  })

  it('gitlab: a Code Quality report', async () => {
    const result = await run(['news', '--report', 'gitlab'], project(files))
    const issues = JSON.parse(result.stdout) as Array<{check_name: string; severity: string; location: {path: string; lines: {begin: number}}}>
    expect(issues.map((d) => [d.check_name, d.severity, d.location.path, d.location.lines.begin])).toEqual([
      ['putin-poutine', 'critical', 'news/a, b: 100%.md', 3],
      ['lukashenko-loukachenko', 'major', 'news/a, b: 100%.md', 3]
    ])
  })
})

describe('score gate', () => {
  const files = {
    '.mtlintrc.yml': 'entries:\n  lukashenko-loukachenko: warning\nweights:\n  major: 50\nmaxScore: 100\n',
    'short.txt': 'Alexandre Loukachenko spoke.\n',
    'long.txt': longArticle('Alexandre Loukachenko spoke.'),
    'strict/.mtlintrc.yml': 'entries:\n  lukashenko-loukachenko: warning\nmaxScore: 0\n',
    'strict/long.txt': longArticle('Alexandre Loukachenko spoke.')
  }

  it('fails a file over the configured maxScore even with warnings only; weights come from the config', async () => {
    const cwd = project(files)
    const short = await run(['short.txt', '--report', 'json'], cwd)
    expect(short.code).toBe(1)
    const [report] = JSON.parse(short.stdout) as Array<{score: {words: number; major: number; points: number; score: number; maxScore: number; failed: boolean}}>
    expect(report!.score).toEqual({words: 3, minor: 0, major: 1, critical: 0, points: 50, score: 16666.67, maxScore: 100, failed: true})
    const long = await run(['long.txt'], cwd)
    expect(long.code).toBe(0)
    expect(long.stderr).toMatch(/long\.txt: score \d+\.\d per 1,000 words \(1 major in \d+ words, maximum 100\)/)
  })

  it('reads maxScore per file from the nearest configuration', async () => {
    const cwd = project(files)
    const result = await run(['long.txt', 'strict/long.txt'], cwd)
    expect(result.code).toBe(1)
    // strict/ has its own weights (the defaults: major 5); the root's do not leak into it.
    expect(result.stderr).toMatch(/strict\/long\.txt: score 5\.\d per 1,000 words \(1 major in \d+ words, over the maximum 0\)/)
    expect(result.stderr).toMatch(/^long\.txt: score \d+\.\d per 1,000 words \(1 major in \d+ words, maximum 100\)/m)
  })

  it('exits 2 on an unknown weight, naming the file, line and column', async () => {
    const cwd = project({'.mtlintrc.yml': 'weights:\n  majr: 3\n', 'a.txt': 'Text.\n'})
    const result = await run(['a.txt'], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('.mtlintrc.yml:2:3: unknown weight `majr` (expected minor, major or critical)')
  })

  it('--max-score overrides the configuration', async () => {
    const cwd = project(files)
    expect((await run(['long.txt', '--max-score', '10'], cwd)).code).toBe(1)
    expect((await run(['short.txt', '--max-score', '100000'], cwd)).code).toBe(0)
    expect((await run(['long.txt', '--max-score', 'ten'], cwd)).code).toBe(2)
  })

  it('scores the same in the worker pool as in-process', async () => {
    const corpus = path.join(root, 'corpus', 'fr-en')
    const pooled = await run(['.', '--report', 'json', '--jobs', '2'], corpus)
    const single = await run(['.', '--report', 'json', '--jobs', '1'], corpus)
    const scores = (text: string) => (JSON.parse(text) as Array<{path: string; score: unknown}>).map((d) => [d.path, d.score])
    expect(scores(pooled.stdout).length).toBeGreaterThan(16)
    expect(scores(pooled.stdout)).toEqual(scores(single.stdout))
  }, 120_000)
})

describe('--fix and --fix-dry-run', () => {
  const article = '# Minsk\n\nVladimir  **Poutine** met Alexandre Loukachenko in\nMinsk, said Poutine’s aide.\n'
  const fixed = '# Minsk\n\nVladimir  **Putin** met Alexandre Lukashenko in\nMinsk, said Putin’s aide.\n'

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const cwd = project({'a.md': article})
    const result = await run(['a.md', '--fix-dry-run'], cwd)
    expect(result.stdout).toBe(
      [
        '--- a/a.md',
        '+++ b/a.md',
        '@@ -1,4 +1,4 @@',
        ' # Minsk',
        ' ',
        '-Vladimir  **Poutine** met Alexandre Loukachenko in',
        '-Minsk, said Poutine’s aide.',
        '+Vladimir  **Putin** met Alexandre Lukashenko in',
        '+Minsk, said Putin’s aide.',
        ''
      ].join('\n')
    )
    expect(readFileSync(path.join(cwd, 'a.md'), 'utf8')).toBe(article)
    // The report (of the fixed text) goes to stderr, leaving stdout to the diff.
    expect(result.stderr).toContain('a.md: no issues found')
    expect(result.code).toBe(0)
  })

  it('--fix rewrites the file by offset, reports what remains, and is idempotent', async () => {
    const cwd = project({'a.md': article, 'b.txt': 'The forces of order arrived.\n'})
    const result = await run(['.', '--fix', '--report', 'json'], cwd)
    expect(readFileSync(path.join(cwd, 'a.md'), 'utf8')).toBe(fixed)
    // Findings that are not safe stay, unfixed and reported.
    expect(readFileSync(path.join(cwd, 'b.txt'), 'utf8')).toBe('The forces of order arrived.\n')
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; safe: boolean}>}>
    expect(report.map((d) => [d.path, d.messages.filter((m) => m.safe).map((m) => m.ruleId)])).toEqual([
      ['a.md', []],
      ['b.txt', []]
    ])
    expect(report[1]!.messages.map((m) => m.ruleId)).toContain('forces-de-l-ordre')
    expect(readdirSync(cwd).filter((d) => d.endsWith('.tmp'))).toEqual([])
    const again = await run(['.', '--fix-dry-run'], cwd)
    expect(again.stdout).toBe('')
  })

  it('--fix writes through a symbolic link and keeps the file mode', async () => {
    const cwd = project({'store/a.md': article})
    chmodSync(path.join(cwd, 'store', 'a.md'), 0o640)
    symlinkSync(path.join('store', 'a.md'), path.join(cwd, 'link.md'))
    await run(['link.md', '--fix'], cwd)
    expect(lstatSync(path.join(cwd, 'link.md')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(cwd, 'store', 'a.md'), 'utf8')).toBe(fixed)
    expect(statSync(path.join(cwd, 'store', 'a.md')).mode & 0o777).toBe(0o640)
  })

  it('refuses --fix on stdin and --fix with --fix-dry-run', async () => {
    const cwd = project({'a.md': article})
    expect((await run(['--fix'], cwd, 'Poutine.')).code).toBe(2)
    expect((await run(['a.md', '--fix', '--fix-dry-run'], cwd)).code).toBe(2)
    const dry = await run(['--fix-dry-run', '--stdin-filepath', 'x.txt'], cwd, 'Vladimir Poutine.\n')
    expect(dry.stdout).toBe('--- a/x.txt\n+++ b/x.txt\n@@ -1,1 +1,1 @@\n-Vladimir Poutine.\n+Vladimir Putin.\n')
  })
})

describe('--since', () => {
  function git(cwd: string, ...args: string[]) {
    execFileSync('git', ['-c', 'user.name=mtlint', '-c', 'user.email=mtlint@example.com', '-c', 'commit.gpgsign=false', ...args], {cwd, stdio: 'pipe'})
  }

  function repository(): string {
    const cwd = project({
      'archive.md': 'Vladimir Poutine spoke in 2019.\n\nNothing else.\n',
      'draft.md': 'Old line with Poutine.\n\nSecond line.\n'
    })
    git(cwd, 'init', '-q')
    git(cwd, 'add', '.')
    git(cwd, 'commit', '-q', '-m', 'archive')
    // The new draft: one line changed, one added; the archive untouched.
    writeFileSync(path.join(cwd, 'draft.md'), 'Old line with Poutine.\n\nSecond line, now with Loukachenko.\n\nA new line: Poutine again.\n')
    writeFileSync(path.join(cwd, 'new.md'), 'Brand new Poutine.\n')
    return cwd
  }

  it('reads the new side of `git diff --unified=0` hunks; a pure deletion changes no line', () => {
    const diff = ['diff --git a/a.md b/a.md', '--- a/a.md', '+++ b/a.md', '@@ -3 +3 @@ ctx', '-x', '+y', '@@ -7,0 +8,2 @@', '+a', '+b', '@@ -20,4 +21,0 @@', '-gone'].join('\n')
    expect([...parseHunks(diff)]).toEqual([3, 8, 9])
  })

  it('reports only findings on lines changed since the revision; untracked files count as new', async () => {
    const cwd = repository()
    const all = await run(['.', '--report', 'json'], cwd)
    const result = await run(['.', '--since', 'HEAD', '--report', 'json'], cwd)
    expect(result.code, result.stderr).toBe(1)
    const lines = (text: string) =>
      Object.fromEntries((JSON.parse(text) as Array<{path: string; messages: Array<{ruleId: string; line: number}>}>).map((d) => [d.path, d.messages.map((m) => m.ruleId + '@' + m.line)]))
    expect(lines(all.stdout)).toEqual({
      'archive.md': ['putin-poutine@1'],
      'draft.md': ['putin-poutine@1', 'lukashenko-loukachenko@3', 'putin-poutine@5'],
      'new.md': ['putin-poutine@1']
    })
    expect(lines(result.stdout)).toEqual({
      'archive.md': [],
      'draft.md': ['lukashenko-loukachenko@3', 'putin-poutine@5'],
      'new.md': ['putin-poutine@1']
    })
  })

  it('--fix with --since fixes only the changed lines', async () => {
    const cwd = repository()
    const result = await run(['draft.md', '--since', 'HEAD', '--fix'], cwd)
    expect(readFileSync(path.join(cwd, 'draft.md'), 'utf8'), result.stderr).toBe('Old line with Poutine.\n\nSecond line, now with Lukashenko.\n\nA new line: Putin again.\n')
  })

  it('exits 2 on an unknown revision', async () => {
    const result = await run(['.', '--since', 'no-such-rev'], repository())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unknown git revision `no-such-rev`')
  })
})

describe('integrations and the README CI section', () => {
  const examples = path.join(root, 'examples', 'ci')
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('<!-- section:ci -->'), readme.indexOf('\n## ', readme.indexOf('<!-- section:ci -->')))

  /** The fenced block that follows a `$ command` line in the CI section. */
  function shown(command: string): string {
    const start = section.indexOf('$ ' + command + '\n')
    expect(start, `README shows \`$ ${command}\``).toBeGreaterThan(-1)
    const body = section.slice(start + command.length + 3)
    return body.slice(0, body.indexOf('```'))
  }

  function fenced(language: string, containing: string): string {
    const blocks = [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((d) => d[1]!)
    const block = blocks.find((d) => d.includes(containing))
    expect(block, `a ${language} block with ${containing}`).toBeDefined()
    return block!
  }

  it('pastes real output (update the README when the pack changes what examples/ci/article.md reports)', async () => {
    const stylish = await run(['article.md'], examples)
    expect(stylish.stderr).toBe(shown('mtlint article.md'))
    const github = await run(['article.md', '--report', 'github'], examples)
    for (const line of shown('mtlint article.md --report github').split('\n').filter((d) => d && d !== '…')) {
      expect(github.stdout.split('\n')).toContain(line)
    }
    const gitlab = await run(['article.md', '--report', 'gitlab'], examples)
    const first = shown('mtlint article.md --report gitlab').split('\n  },')[0] + '\n  }'
    expect((JSON.parse(gitlab.stdout) as unknown[])[0]).toEqual((JSON.parse(first + ']') as unknown[])[0])
    const dry = await run(['article.md', '--fix-dry-run'], examples)
    expect(dry.stdout).toBe(shown('mtlint article.md --fix-dry-run'))
    expect(readFileSync(path.join(examples, 'article.md'), 'utf8')).toContain('Poutine')
    const sarif = await run(['article.md', '--report', 'sarif'], examples)
    const log = JSON.parse(sarif.stdout) as {runs: Array<{results: unknown[]; artifacts: Array<{properties: {score: unknown}}>}>}
    expect(log.runs[0]!.results[0]).toEqual(JSON.parse(fenced('json', '"ruleId": "putin-poutine"')))
    expect(log.runs[0]!.artifacts[0]!.properties.score).toEqual(JSON.parse(fenced('json', '"words"')))
  }, 120_000)

  it('ships a pre-commit hook, a GitHub workflow and a GitLab job that agree with the CLI', async () => {
    const {parse} = await import('yaml')
    const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, string>>
    expect(hooks[0]).toMatchObject({id: 'mtlint', entry: 'mtlint', language: 'node'})
    const files = new RegExp(hooks[0]!['files']!)
    for (const name of ['a.md', 'a.markdown', 'a.html', 'a.htm', 'a.txt']) expect(files.test(name)).toBe(true)
    for (const name of ['a.json', 'a.yml', 'a.mdx']) expect(files.test(name)).toBe(false)

    type Step = {uses?: string; run?: string; with?: Record<string, string>}
    const workflow = parse(readFileSync(path.join(examples, 'github-workflow.yml'), 'utf8')) as {permissions: Record<string, string>; jobs: {mtlint: {steps: Step[]}}}
    const steps = workflow.jobs.mtlint.steps
    expect(workflow.permissions['security-events']).toBe('write')
    const sarif = steps.find((d) => d.run?.includes('--report sarif'))!
    const output = /--output (\S+)/.exec(sarif.run!)![1]
    expect(steps.find((d) => d.uses?.startsWith('github/codeql-action/upload-sarif@'))!.with!['sarif_file']).toBe(output)
    expect(steps.some((d) => d.run?.includes('--report github'))).toBe(true)

    const gitlab = parse(readFileSync(path.join(examples, 'gitlab-ci.yml'), 'utf8')) as {mtlint: {script: string[]; artifacts: {reports: {codequality: string}}}}
    const script = gitlab.mtlint.script.find((d) => d.includes('--report gitlab'))!
    expect(/--output (\S+)/.exec(script)![1]).toBe(gitlab.mtlint.artifacts.reports.codequality)
  })
})
