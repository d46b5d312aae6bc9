/**
 * The quality gate: recall on `corpus/` must not drop below, and false
 * positives per 1,000 words must not rise above, what `corpus/gate.json`
 * records. When a change improves them, `npm run eval -- --update-gate`
 * locks the gain in.
 */
import {describe, expect, it} from 'vitest'
import {checkGate, evaluate, gateCorpus, loadCorpus, readGate, summaryLine} from '../src/eval/index.js'

describe('quality gate (corpus/gate.json)', () => {
  it('recall and false positives per 1,000 words on corpus/ are no worse than recorded', async () => {
    const gate = readGate()
    const result = await evaluate(loadCorpus([gateCorpus]))
    const failures = checkGate(result, gate)
    // The message says what moved and how to see why.
    expect(failures, `${summaryLine(result)}\n${failures.join('\n')}\nSee \`npm run eval -- --verbose\`.`).toEqual([])
  })
})
