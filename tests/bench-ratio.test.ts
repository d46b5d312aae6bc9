/** The benchmark's ratios (bench/util.ts). */
import {describe, expect, it} from 'vitest'
import {pairedRatio, sameRoundsRatio} from '../bench/util.js'

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

describe('sameRoundsRatio', () => {
  it('divides by the base’s median over the rounds the value ran in', () => {
    // A peer ran in the first three rounds; the machine got busier after.
    const mtlint = [3, 2.8, 3.2, 4.4, 4.6, 4.2, 4.5, 4.3, 4.8]
    expect(sameRoundsRatio([90, 96, 93], mtlint)).toEqual({ratio: 31, base: 3})
    // All nine rounds' median (4.3) would have made it 21.6×.
    expect(sameRoundsRatio([90, 96, 93], mtlint).ratio).not.toBeCloseTo(93 / 4.3)
  })

  it('is the ratio of medians when both ran in every round', () => {
    expect(sameRoundsRatio([2, 4, 6], [1, 2, 3])).toEqual({ratio: 2, base: 2})
  })
})
