/**
 * The quality gate: `corpus/gate.json` holds the recall and false positives
 * per 1,000 words measured on `corpus/`. The test suite fails when recall
 * drops below or false positives rise above them; `npm run eval --
 * --update-gate` moves them only in the good direction, so each rule that
 * improves the numbers locks its gain in.
 */
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../node/packs.js'
import {formatRate, formatRecall} from './format.js'
import type {EvalResult} from './score.js'

/** The gate file. */
export const gatePath = path.join(packageRoot, 'corpus', 'gate.json')

/** The corpus the gate is measured on. */
export const gateCorpus = path.join(packageRoot, 'corpus')

/** Thresholds, and what they were measured from. */
export interface Gate {
  /** Why the file exists and how it moves. */
  _comment?: string | undefined
  /** Recall on `corpus/` must not drop below this. */
  minRecall: number
  /** False positives per 1,000 words on `corpus/` must not rise above this. */
  maxFpPer1000: number
  /** The run the thresholds come from (informative). */
  measured?: Record<string, number | string> | undefined
}

/** Slack for floating-point noise when comparing with the recorded values. */
const epsilon = 1e-9

const comment =
  'Measured on corpus/ by `npm run eval -- --update-gate`, which only raises minRecall and lowers maxFpPer1000; tests/quality-gate.test.ts fails when a change does worse. Lower the bar by hand only when the corpus itself changes, and say why in the commit.'

/**
 * Read the gate file.
 *
 * @throws {Error}
 *   Naming the file when it is not valid JSON or lacks a threshold.
 */
export function readGate(file: string = gatePath): Gate {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`${file}: cannot read the quality gate: ${error instanceof Error ? error.message : String(error)}`)
  }
  const record = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>
  for (const key of ['minRecall', 'maxFpPer1000']) {
    const value = record[key]
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${file}: \`${key}\` must be a non-negative number (got ${JSON.stringify(value)})`)
    }
  }
  return record as unknown as Gate
}

/** Compare a result with the gate: the reasons it fails (empty when it passes). */
export function checkGate(result: EvalResult, gate: Gate): string[] {
  const failures: string[] = []
  if (result.overall.recall < gate.minRecall - epsilon) {
    failures.push(`recall ${formatRecall(result.overall.recall)} (${result.overall.found}/${result.overall.total}) is below the gate's ${gate.minRecall}`)
  }
  if (result.overall.fpPer1000 > gate.maxFpPer1000 + epsilon) {
    failures.push(`false positives per 1,000 words ${formatRate(result.overall.fpPer1000)} (${result.overall.falsePositives}) are above the gate's ${gate.maxFpPer1000}`)
  }
  return failures
}

/** What `updateGate` did. */
export interface GateUpdate {
  /** Whether the file was written. */
  written: boolean
  /** One line per threshold: raised, lowered, kept. */
  notes: string[]
  /** The gate now in force. */
  gate: Gate
}

/**
 * Record a result in the gate file, moving each threshold only in the good
 * direction (recall up, false positives down). Creates the file when missing.
 * Written atomically (temporary file, then rename).
 */
export function updateGate(result: EvalResult, file: string = gatePath, date: Date = new Date()): GateUpdate {
  const recall = result.overall.recall
  const fp = result.overall.fpPer1000
  const old = existsSync(file) ? readGate(file) : undefined
  const notes: string[] = []
  let minRecall = recall
  let maxFpPer1000 = fp
  if (old) {
    if (recall > old.minRecall + epsilon) notes.push(`minRecall raised: ${old.minRecall} → ${recall}`)
    else {
      minRecall = old.minRecall
      notes.push(`minRecall kept at ${old.minRecall} (measured ${formatRecall(recall)}, not higher)`)
    }
    if (fp < old.maxFpPer1000 - epsilon) notes.push(`maxFpPer1000 lowered: ${old.maxFpPer1000} → ${fp}`)
    else {
      maxFpPer1000 = old.maxFpPer1000
      notes.push(`maxFpPer1000 kept at ${old.maxFpPer1000} (measured ${formatRate(fp)}, not lower)`)
    }
  } else {
    notes.push(`gate created: minRecall ${recall}, maxFpPer1000 ${fp}`)
  }
  const written = !old || minRecall !== old.minRecall || maxFpPer1000 !== old.maxFpPer1000
  if (!written) return {written, notes, gate: old!}
  const gate: Gate = {
    _comment: comment,
    minRecall,
    maxFpPer1000,
    measured: {
      date: date.toISOString().slice(0, 10),
      texts: result.texts,
      words: result.words,
      found: result.overall.found,
      total: result.overall.total,
      falsePositives: result.overall.falsePositives
    }
  }
  const temporary = file + '.' + process.pid + '.tmp'
  writeFileSync(temporary, JSON.stringify(gate, null, 2) + '\n')
  renameSync(temporary, file)
  return {written, notes, gate}
}
