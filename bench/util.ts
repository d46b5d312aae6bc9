/** Small helpers shared by the benchmarks. */
import os from 'node:os'

/** One result row. */
export interface Row {
  /** What was measured. */
  name: string
  /** Median milliseconds. */
  median: number
  /** 95th percentile milliseconds, when measured. */
  p95?: number
  /** Ratio against a peer or baseline measured in the same run. */
  ratio?: number
  /** What the ratio compares to. */
  ratioLabel?: string
  /** Anything else worth a column. */
  extra?: string
  /** The ratio round by round (median, smallest, largest), where runs alternated in rounds. */
  paired?: {median: number; min: number; max: number} | undefined
}

/** Median of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * The median over rounds of `value` ÷ `base` for the rounds both ran in,
 * with the smallest and largest: alternating runs pair up, and a pair shares
 * the machine's state of the moment, which a ratio of two medians does not.
 */
export function pairedRatio(value: number[], base: number[]): {median: number; min: number; max: number} | undefined {
  const ratios: number[] = []
  for (let index = 0; index < Math.min(value.length, base.length); index++) ratios.push(value[index]! / base[index]!)
  if (ratios.length < 2) return undefined
  return {median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios)}
}

/**
 * The ratio of `value`'s median to `base`'s median over the same rounds: a
 * tool that ran in the first rounds only (`value`) against the tool that
 * ran in all of them (`base`), so that both medians come from one stretch
 * of the machine's load.
 */
export function sameRoundsRatio(value: number[], base: number[]): {ratio: number; base: number} {
  const same = median(base.slice(0, value.length))
  return {ratio: median(value) / same, base: same}
}

/** A percentile (0–100) of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

/** Format milliseconds. */
export function ms(value: number): string {
  return value >= 1000 ? (value / 1000).toFixed(2) + ' s' : value >= 10 ? value.toFixed(0) + ' ms' : value.toFixed(2) + ' ms'
}

/** A Markdown table of rows. */
export function table(rows: readonly Row[]): string {
  const lines = ['| measurement | median | p95 | ratio | notes |', '| --- | ---: | ---: | ---: | --- |']
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${ms(row.median)} | ${row.p95 === undefined ? '' : ms(row.p95)} | ${row.ratio === undefined ? '' : row.ratio.toFixed(2) + (row.ratioLabel ? ' ' + row.ratioLabel : '')} | ${row.extra ?? ''} |`
    )
  }
  return lines.join('\n')
}

/** A line describing this machine. */
export function machine(): string {
  const cpus = os.cpus()
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`
}
