/**
 * Throughput against the peers: N articles (~800 words, Markdown) in a temp
 * folder, a 1,000-entry glossary, every tool as a subprocess:
 *
 * - mtlint: `node dist/bundle/mtlint.js DIR --report json --quiet --glossary G.yml`
 *   (all rules; the CLI decides on its worker pool, as for any user: from
 *   128 files, or 2,000 on a 2-CPU machine);
 * - textlint + textlint-rule-prh and textlint + textlint-rule-terminology,
 *   each with its own config file holding the same glossary;
 * - "parse only": remark-parse → remark-retext(retext-english), no rules —
 *   the floor of this architecture (`bench/parse-only.mjs`).
 *
 * Runs alternate tool by tool so drift on a shared machine hits all alike.
 * Ratios are of medians; each row's notes also give the ratio round by round
 * (the median of the rounds' own ratios, with the smallest and largest).
 */
import {rmSync} from 'node:fs'
import path from 'node:path'
import {tempRoot, writeArticles, writeGlossaries, type GlossaryFiles} from './corpus.js'
import {freshPacks, timed, type RunResult} from './run.js'
import {median, ms, pairedRatio, sameRoundsRatio, type Row} from './util.js'

/** A tool under test. */
interface Tool {
  name: string
  /** Whether this tool is mtlint (ratios are against it). */
  self?: boolean
  /** Whether this is a textlint peer: it runs in the first `peerRuns` rounds only. */
  peer?: boolean
  /** Whether this is the parse-only floor (its ratio is mtlint ÷ it). */
  floor?: boolean
  command(dir: string, glossary: GlossaryFiles): [string, string[]]
  /** Findings in its output (a sanity check that it did the work). */
  findings(result: RunResult): number | undefined
}

/** Options of the throughput benchmark. */
export interface ThroughputOptions {
  /** Article counts. */
  sizes?: number[]
  /** Glossary size. */
  glossarySize?: number
  /** Rounds per size: mtlint and the parse-only floor run in each. */
  runs?: (size: number) => number
  /** Rounds the textlint peers run in (the first ones; a peer slower than `slowMs` runs in the first three). */
  peerRuns?: (size: number) => number
  /** A peer whose median run takes longer than this runs in the first three rounds only. */
  slowMs?: number
  /** Called with each measurement as it is made. */
  progress?: (line: string) => void
  /** Peak RSS (MiB) of the mtlint runs at the largest N, reported to the caller. */
  onRss?: (size: number, rss: number[]) => void
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const node = process.execPath

function countJson(stdout: string): number | undefined {
  try {
    const files = JSON.parse(stdout) as Array<{messages: unknown[]}>
    return files.reduce((sum, file) => sum + file.messages.length, 0)
  } catch {
    return undefined
  }
}

/** Finding lines of a stylish report (`3:270-3:285  warning  …`). */
function countStylish(stderr: string): number {
  return stderr.match(/^\d+:\d+(?:-\d+:\d+)?\s+(?:error|warning|info)\s/gm)?.length ?? 0
}

const textlint = path.join(root, 'node_modules', 'textlint', 'bin', 'textlint.js')

/** The bundled bin on a folder with the benchmark's glossary, plus `extra` flags. */
function mtlint(dir: string, glossary: GlossaryFiles, ...extra: string[]): [string, string[]] {
  return [node, [path.join(root, 'dist', 'bundle', 'mtlint.js'), dir, '--glossary', glossary.mtlint, ...extra]]
}

/** What the rows that count findings in JSON ask for. */
const jsonReport = ['--report', 'json', '--quiet']

/**
 * Rounds at `size` articles, unless the caller says otherwise. mtlint and
 * the floor take a few seconds at most, and on this shared machine one of
 * them moved by ±25% within a run of five: nine rounds steady their medians.
 */
export function defaultRuns(size: number): number {
  return size >= 100 ? 9 : 7
}

/** Rounds the textlint peers run in at `size` articles (each takes 20–80 s at 1,000). */
export function defaultPeerRuns(size: number): number {
  return size >= 100 ? 5 : 7
}

const tools: Tool[] = [
  {
    name: 'mtlint (all rules, CLI as it comes)',
    self: true,
    command: (dir, glossary) => mtlint(dir, glossary, ...jsonReport),
    findings: (result) => countJson(result.stdout)
  },
  {
    // What people read in a CI log: vfile-reporter's table, on stderr.
    name: 'mtlint, default report (stylish, no colour)',
    command: (dir, glossary) => mtlint(dir, glossary),
    findings: (result) => countStylish(result.stderr)
  },
  {
    // What the pool gives on this machine, whatever the CLI's default here.
    name: 'mtlint --jobs 2 (main thread + 1 pool worker)',
    command: (dir, glossary) => mtlint(dir, glossary, ...jsonReport, '--jobs', '2'),
    findings: (result) => countJson(result.stdout)
  },
  {
    name: 'remark + retext, parse only',
    floor: true,
    command: (dir) => [node, [path.join(root, 'bench', 'parse-only.mjs'), dir]],
    findings: () => undefined
  },
  {
    name: 'textlint + textlint-rule-prh',
    peer: true,
    command: (dir, glossary) => [node, [textlint, '--config', glossary.prhConfig, '--format', 'json', path.join(dir, '*.md')]],
    findings: (result) => countJson(result.stdout)
  },
  {
    name: 'textlint + textlint-rule-terminology',
    peer: true,
    command: (dir, glossary) => [node, [textlint, '--config', glossary.terminologyConfig, '--format', 'json', path.join(dir, '*.md')]],
    findings: (result) => countJson(result.stdout)
  }
]

/** Run the throughput benchmark. */
export async function throughput(options: ThroughputOptions = {}): Promise<Row[]> {
  const sizes = options.sizes ?? [1, 100, 1000]
  const glossarySize = options.glossarySize ?? 1000
  const runsFor = options.runs ?? defaultRuns
  const peerRunsFor = options.peerRuns ?? defaultPeerRuns
  const slowMs = options.slowMs ?? 30_000
  const slowRuns = 3
  const log = options.progress ?? (() => {})
  const temp = tempRoot()
  const rows: Row[] = []
  try {
    const glossary = writeGlossaries(path.join(temp, 'glossary'), glossarySize)
    for (const size of sizes) {
      const dir = writeArticles(path.join(temp, `articles-${size}`), size)
      const times = new Map<Tool, number[]>(tools.map((d) => [d, []]))
      const rss = new Map<Tool, number[]>(tools.map((d) => [d, []]))
      const found = new Map<Tool, number | undefined>()
      const runs = runsFor(size)
      const peerRuns = Math.min(runs, peerRunsFor(size))
      for (let run = 0; run < runs; run++) {
        for (const tool of tools) {
          const previous = times.get(tool)!
          if (tool.peer && run >= peerRuns) continue
          // A slow peer runs in the first three rounds only (a minute or two
          // each). Once was too few: textlint + terminology's single run at
          // 1,000 articles took 71–111 s across one day's runs, moving its
          // ratio from 23× to 36× around the 25× target (bench/NOTES.md,
          // section 11).
          if (run >= slowRuns && !tool.self && median(previous) > slowMs) continue
          if (tool.self) freshPacks(root)
          const [command, args] = tool.command(dir, glossary)
          const result = await timed(command, args, {cwd: temp})
          previous.push(result.ms)
          if (result.rssMiB !== undefined) rss.get(tool)!.push(result.rssMiB)
          found.set(tool, tool.findings(result))
          log(`  N=${size} ${tool.name}: ${(result.ms / 1000).toFixed(2)} s${result.rssMiB ? `, ${result.rssMiB.toFixed(0)} MiB` : ''}`)
        }
      }
      const selfTimes = times.get(tools[0]!)!
      const self = median(selfTimes)
      for (const tool of tools) {
        const values = times.get(tool)!
        const value = median(values)
        const peak = rss.get(tool)!
        const findings = found.get(tool)
        const paired = tool.self ? undefined : tool.floor ? pairedRatio(selfTimes, values) : pairedRatio(values, selfTimes)
        // A peer that ran in the first rounds only is compared with mtlint
        // in those rounds: the machine's load drifts within a run (in one
        // run mtlint took 2.7–3.2 s at 1,000 articles in rounds 2–5 and
        // 3.8–4.6 s in rounds 6–9, after textlint's last), and the rounds
        // alternate tools so that each ratio is taken under the same load.
        const same = sameRoundsRatio(values, selfTimes)
        const notes = [
          `${values.length} run${values.length === 1 ? '' : 's'}`,
          peak.length > 0 ? `peak RSS ${Math.max(...peak).toFixed(0)} MiB` : '',
          findings === undefined ? '' : `${findings} findings`,
          paired ? `round by round ${paired.median.toFixed(2)} [${paired.min.toFixed(2)}–${paired.max.toFixed(2)}]` : '',
          !tool.self && !tool.floor && values.length < selfTimes.length ? `against mtlint’s median in the same ${values.length} rounds, ${ms(same.base)}` : ''
        ].filter(Boolean)
        rows.push({
          name: `N = ${size.toLocaleString('en')}: ${tool.name}`,
          median: value,
          ...(tool.self
            ? {}
            : tool.floor
              ? {ratio: self / value, ratioLabel: '(mtlint ÷ parse only)'}
              : {ratio: same.ratio, ratioLabel: '(× mtlint’s time)'}),
          extra: notes.join(', '),
          paired
        })
      }
      if (size === Math.max(...sizes)) options.onRss?.(size, rss.get(tools[0]!)!)
    }
  } finally {
    rmSync(temp, {recursive: true, force: true})
  }
  return rows
}
