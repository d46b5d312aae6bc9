// nspell ships no types; this declares the little mtlint reads of it: the
// expanded word table built when a dictionary loads, and the affix flags.
declare module 'nspell' {
  interface NSpell {
    /** Every word form the affix rules allow, with the rule codes of stems. */
    data: Record<string, string[]>
    /** Flags of the affix file (`NOSUGGEST`, `ONLYINCOMPOUND` …). */
    flags: Record<string, unknown>
    /** hunspell `REP` pairs. */
    replacementTable: Array<[string, string]>
  }
  function nspell(dictionary: {aff: Uint8Array | string; dic: Uint8Array | string}): NSpell
  export default nspell
}
