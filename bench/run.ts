/**
 * Timing subprocesses: wall time measured here, peak RSS from GNU time
 * (`/usr/bin/time -v -o FILE`) when present.
 *
 * mtlint's pool is worker threads inside one process, so the process's peak
 * RSS already counts every worker; no process tree needs summing.
 */
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, rmSync, statSync, readdirSync} from 'node:fs'
import {execFileSync} from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** Whether peak RSS can be measured here. */
export const canMeasureRss = gnuTime !== undefined && os.platform() === 'linux'

/** One subprocess run. */
export interface RunResult {
  /** Wall milliseconds. */
  ms: number
  /** Peak resident set size in MiB (GNU time), when measured. */
  rssMiB?: number
  /** Exit code. */
  code: number
  /** Standard output. */
  stdout: string
  /** Standard error. */
  stderr: string
}

let counter = 0

/** Run a command, timing it; throws on an exit code outside `okCodes`. */
export async function timed(
  command: string,
  args: string[],
  options: {cwd?: string; okCodes?: number[]; env?: NodeJS.ProcessEnv} = {}
): Promise<RunResult> {
  const okCodes = options.okCodes ?? [0, 1]
  const rssFile = path.join(os.tmpdir(), `mtlint-bench-time-${process.pid}-${counter++}.txt`)
  const [file, argv] = canMeasureRss ? [gnuTime!, ['-v', '-o', rssFile, command, ...args]] : [command, args]
  const start = performance.now()
  const result = await new Promise<{code: number; stdout: string; stderr: string}>((resolve, reject) => {
    const child = spawn(file, argv, {cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')}))
  })
  const ms = performance.now() - start
  let rssMiB: number | undefined
  if (canMeasureRss && existsSync(rssFile)) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(rssFile, 'utf8'))
    if (match) rssMiB = Number(match[1]) / 1024
    rmSync(rssFile, {force: true})
  }
  if (!okCodes.includes(result.code)) {
    throw new Error(`bench: \`${command} ${args.join(' ')}\` exited ${result.code}\n${result.stderr.slice(0, 2000)}`)
  }
  return {ms, ...(rssMiB === undefined ? {} : {rssMiB}), ...result}
}

/** The newest modification time of the files under a folder (ms). */
function newest(dir: string, test: (name: string) => boolean): number {
  let latest = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) latest = Math.max(latest, newest(full, test))
    else if (test(entry.name)) latest = Math.max(latest, statSync(full).mtimeMs)
  }
  return latest
}

/**
 * Make sure `dist/` is built from the current `src/` and `rules/` (the CLI
 * benchmarks run `node dist/bundle/mtlint.js`, as users do).
 */
export function ensureBuilt(root: string): void {
  const bin = path.join(root, 'dist', 'bundle', 'mtlint.js')
  const built = existsSync(bin) ? newest(path.join(root, 'dist'), (d) => d.endsWith('.js')) : 0
  const source = Math.max(newest(path.join(root, 'src'), (d) => d.endsWith('.ts')), newest(path.join(root, 'rules'), () => true))
  if (built >= source) return
  console.log('dist/ is older than src/ or rules/: building …')
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'})
  } catch {
    // tsc still emits on type errors; the benchmark measures what was emitted.
    console.log('bench: tsc reported errors (JavaScript was still emitted)')
  }
  execFileSync(process.execPath, [path.join(root, 'dist', 'build-packs.js')], {cwd: root, stdio: 'inherit'})
}

/**
 * Rebuild `dist/packs` when `rules/` changed since (others edit the pack in
 * this tree while benchmarks run). A stale pre-built pack makes every mtlint
 * process compile the pack from YAML (~0.8 s per process and per worker),
 * which an installed mtlint never does. Called before each mtlint run.
 */
export function freshPacks(root: string): void {
  const built = path.join(root, 'dist', 'packs', 'fr-en.json')
  const stamp = existsSync(built) ? statSync(built).mtimeMs : 0
  if (newest(path.join(root, 'rules'), () => true) <= stamp) return
  execFileSync(process.execPath, [path.join(root, 'dist', 'build-packs.js')], {cwd: root, stdio: 'ignore'})
}
