/**
 * Summarise `.cpuprofile` files from `node --cpu-prof`: the top functions by
 * self time, and self time per package (or per mtlint source file).
 *
 * Usage: tsx bench/profile-summary.ts FILE.cpuprofile… [--top N]
 */
import {readFileSync} from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: {functionName: string; url: string; lineNumber: number; columnNumber: number}
  hitCount?: number
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Where a script URL belongs: an npm package, an mtlint file, or Node internals. */
export function owner(url: string): string {
  if (!url) return '(native / GC / idle)'
  const modules = url.lastIndexOf('node_modules/')
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? rest[0] + '/' + rest[1] : rest[0]!
  }
  if (url.startsWith('node:')) return 'node internals'
  const match = /\/(dist|src|bench)\/(.*)$/.exec(url)
  return match ? `mtlint ${match[1]}/${match[2]}` : url
}

/** Self time per function and per owner, in milliseconds. */
export function summarise(profile: Profile): {
  total: number
  functions: Array<[string, number]>
  owners: Array<[string, number]>
  inclusive: Array<[string, number]>
} {
  const byId = new Map(profile.nodes.map((d) => [d.id, d]))
  const self = new Map<number, number>()
  for (const [index, id] of profile.samples.entries()) {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
  }
  const functions = new Map<string, number>()
  const owners = new Map<string, number>()
  let total = 0
  for (const [id, time] of self) {
    const node = byId.get(id)!
    const frame = node.callFrame
    if (frame.functionName === '(idle)') continue
    total += time
    const name = `${frame.functionName || '(anonymous)'} ${owner(frame.url)}:${frame.lineNumber + 1}`
    functions.set(name, (functions.get(name) ?? 0) + time)
    const who = frame.functionName === '(garbage collector)' ? '(garbage collector)' : owner(frame.url)
    owners.set(who, (owners.get(who) ?? 0) + time)
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${owner(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`
  const inclusive = new Map<string, number>()
  for (const [id, time] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue
    const names = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.add(label(byId.get(at)!))
    for (const name of names) inclusive.set(name, (inclusive.get(name) ?? 0) + time)
  }
  const sort = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1])
  return {total, functions: sort(functions), owners: sort(owners), inclusive: sort(inclusive)}
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const topIndex = args.indexOf('--top')
  const top = topIndex === -1 ? 25 : Number(args[topIndex + 1])
  const files = args.filter((d, i) => !d.startsWith('--') && (topIndex === -1 || i !== topIndex + 1))
  for (const file of files) {
    const {total, functions, owners, inclusive} = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile)
    console.log(`\n${file}: ${total.toFixed(0)} ms sampled (idle excluded)\n`)
    console.log('self ms  %     owner')
    for (const [name, time] of owners.slice(0, 15)) console.log(`${time.toFixed(0).padStart(7)}  ${((100 * time) / total).toFixed(1).padStart(4)}  ${name}`)
    console.log('\nself ms  %     function')
    for (const [name, time] of functions.slice(0, top)) console.log(`${time.toFixed(0).padStart(7)}  ${((100 * time) / total).toFixed(1).padStart(4)}  ${name}`)
    if (args.includes('--inclusive')) {
      console.log('\ntotal ms %     function (inclusive, mtlint code only)')
      for (const [name, time] of inclusive.filter(([d]) => d.includes(' mtlint ')).slice(0, top)) {
        console.log(`${time.toFixed(0).padStart(7)}  ${((100 * time) / total).toFixed(1).padStart(4)}  ${name}`)
      }
    }
  }
}
