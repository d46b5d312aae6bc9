/** vfile messages as plain data across threads, and back. */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {Point} from 'unist'
import {withoutStack} from '../rule.js'

/** Fields of a message that cross a thread boundary. */
const fields = ['ruleId', 'source', 'actual', 'expected', 'note', 'url', 'fatal', 'category', 'categoryName', 'safe', 'rule'] as const

/** A message as plain data. */
export interface SerializedMessage {
  reason: string
  place?: {start: Point; end: Point} | Point | undefined
  [field: string]: unknown
}

/** A message as plain data. */
export function serializeMessage(message: VFileMessage): SerializedMessage {
  const result: SerializedMessage = {reason: message.reason, place: message.place as SerializedMessage['place']}
  const record = message as unknown as Record<string, unknown>
  for (const field of fields) {
    if (record[field] !== undefined) result[field] = record[field]
  }
  return result
}

/** Recreate a message on a file. */
export function restoreMessage(file: VFile, data: SerializedMessage): VFileMessage {
  const message = withoutStack(() =>
    file.message(data.reason, {
      place: data.place,
      ruleId: data['ruleId'] as string | undefined,
      source: data['source'] as string | undefined
    })
  )
  const record = message as unknown as Record<string, unknown>
  for (const field of fields) {
    if (field !== 'ruleId' && field !== 'source' && field in data) record[field] = data[field]
  }
  if (!('fatal' in data)) message.fatal = undefined
  return message
}
