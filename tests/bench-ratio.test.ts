/** The benchmark's round-by-round ratio (bench/util.ts). */
import {describe, expect, it} from 'vitest'
import {pairedRatio} from '../bench/util.js'

describe('pairedRatio', () => {
  it('takes the median of each round’s own ratio, with the smallest and largest', () => {
    // A drift that hits both tools of a round alike leaves its ratio alone.
    expect(pairedRatio([3, 6, 3.3, 4.5], [2, 4, 2, 3])).toEqual({median: 1.5, min: 1.5, max: 1.65})
  })

  it('pairs only the rounds both ran in', () => {
    expect(pairedRatio([10, 20, 30, 40], [5, 5])).toEqual({median: 3, min: 2, max: 4})
  })

  it('gives nothing for fewer than two rounds', () => {
    expect(pairedRatio([10], [5])).toBeUndefined()
    expect(pairedRatio([], [])).toBeUndefined()
  })
})
