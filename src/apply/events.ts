/**
 * What an apply run tells the world while it works: one event model, three views (a live
 * view on a terminal, one plain line per event in CI and pipes, newline-delimited JSON with
 * --json; see src/render/apply-events.ts). The executor emits these and never prints.
 *
 * JSON stream: every line is one event object with `format` ("proxlb.event/v1"), `type`
 * and `at` (ISO-8601 UTC); the shapes are the types below and schemas/event.v1.json.
 * Stable: fields may be added, never renamed or removed within v1.
 */

import {FORMATS} from '../model/formats.js'
import type {MoveRef} from '../model/generated/journal.v1.js'

export const EVENT_FORMAT = FORMATS.event

/** The move an event is about: the journal's reference to it, with the bytes it transfers (as the plan estimated). */
export interface EventMove extends MoveRef {
  bytes: number
}

export type RunStatus = 'completed' | 'stopped' | 'interrupted' | 'refused'

export type ApplyEvent =
  /** settled: moves an earlier run settled; alreadyThere: moves whose guest was found on its target before it ran. */
  | {type: 'run-started'; at: string; moves: number; bytes: number; parallel: number; perNode: number; resumed: boolean; settled: number; alreadyThere: number}
  /** The migration request is about to be sent (already journaled). */
  | {type: 'move-started'; at: string; move: EventMove}
  /** Proxmox runs it: the task's id. An HA-managed guest gets a second one, the real migration's. */
  | {type: 'move-accepted'; at: string; move: EventMove; upid: string}
  /** How far the migration's copy has got, as its task log says (live migrations, mirrored disks): `transferred` of `total` bytes of `what` (VM-state, drive-scsi0). */
  | {type: 'move-progress'; at: string; move: EventMove; transferred: number; total: number; what: string}
  /** The guest is on its target. */
  | {type: 'move-done'; at: string; move: EventMove; durationMs: number; recovered: boolean}
  | {type: 'move-failed'; at: string; move: EventMove; reason: string; durationMs?: number}
  | {type: 'move-skipped'; at: string; move: EventMove; reason: string}
  /** How the migration ended cannot be told now; --resume finds out. */
  | {type: 'move-unknown'; at: string; move: EventMove; reason: string}
  | {type: 'note'; at: string; message: string}
  | {type: 'run-ended'; at: string; status: RunStatus; done: number; failed: number; skipped: number; pending: number; bytesMoved: number; durationMs: number}

export type ApplyEventType = ApplyEvent['type']

/** Where a run's events go: a terminal view, a log, a web page's stream. Closed once the run ends. */
export interface EventSink {
  emit(event: ApplyEvent): void
  close(): void
}
