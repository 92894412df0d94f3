/* Generated from schemas/journal.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * One line of an apply journal (JSONL: one JSON object per line, appended and flushed to disk as each state change happens). apply, drain and balance write one; apply --resume reads it to continue without issuing any migration twice. A record says which plan it belongs to, which run wrote it and, for move records, which move it concerns. move-started is written before the migration request is sent. Never holds a secret.
 */
export interface JournalRecord {
  /**
   * The format and its version: always proxlb.journal/v1 for this schema. Files written by earlier builds of proxlb carry "schemaVersion": 1 instead; proxlb reads them as proxlb.journal/v1.
   */
  format: 'proxlb.journal/v1'
  /**
   * Sequence number: 1 for the first line of the file, one more on each line after it, across runs.
   */
  seq: number
  /**
   * When the state change happened (ISO-8601, UTC, with milliseconds).
   */
  at: string
  /**
   * Id of the run that wrote the record; a resumed run gets a new one.
   */
  run: string
  plan: PlanIdentity
  /**
   * What happened. run-started: a run begins (options, moves). move-started: the migration request is about to be sent. move-accepted: Proxmox answered with the task id (UPID). move-finished: the task ended (ok or failed, with the task's reason). move-verified: the guest was seen on its target. move-skipped: the move will not run (already done, stopped after a failure, refused). run-ended: the run stops (completed, stopped after a failure, or interrupted).
   */
  event:
    | 'run-started'
    | 'move-started'
    | 'move-accepted'
    | 'move-finished'
    | 'move-verified'
    | 'move-skipped'
    | 'run-ended'
  move?: MoveRef
  request?: Request
  /**
   * Proxmox task id of the migration (move-accepted; move-finished when known). For an HA-managed guest, first the hamigrate task, then the real qmigrate/vzmigrate.
   */
  upid?: string
  /**
   * move-finished: ok, or failed (with reason).
   */
  outcome?: 'ok' | 'failed'
  /**
   * Why a move failed or was skipped, or how a run ended, in one sentence (the task's own error for failed migrations).
   */
  reason?: string
  /**
   * move-finished: milliseconds from the request to the end of the task; run-ended: length of the run.
   */
  durationMs?: number
  /**
   * move-verified: the node the guest was found on.
   */
  node?: string
  /**
   * The record was reconstructed by a resumed run from the live cluster (the task list, the guest's place and lock) rather than seen as it happened.
   */
  recovered?: boolean
  options?: RunOptions
  summary?: RunSummary
}
/**
 * The plan the record belongs to: a journal holds the records of one plan only.
 *
 * This interface was referenced by `JournalRecord`'s JSON-Schema
 * via the `definition` "PlanIdentity".
 */
export interface PlanIdentity {
  /**
   * sha256 of the canonical JSON of the whole plan document, its version written as "schemaVersion": 1 (as plans carried it before the format key), so that plans and journals of earlier builds keep their identity.
   */
  hash: string
  /**
   * Fingerprint of the snapshot the plan was made from.
   */
  snapshot: string
  /**
   * Hash of the plan's embedded policy.
   */
  policy: string
}
/**
 * The move a record concerns (required on every move-* record).
 *
 * This interface was referenced by `JournalRecord`'s JSON-Schema
 * via the `definition` "MoveRef".
 */
export interface MoveRef {
  /**
   * Position of the move in the plan's moves[], from 0.
   */
  index: number
  /**
   * Guest id.
   */
  vmid: number
  /**
   * Guest name.
   */
  name: string
  /**
   * qemu or lxc.
   */
  type: 'qemu' | 'lxc'
  /**
   * Source node.
   */
  from: string
  /**
   * Target node.
   */
  to: string
}
/**
 * move-started: the API request about to be sent.
 *
 * This interface was referenced by `JournalRecord`'s JSON-Schema
 * via the `definition` "Request".
 */
export interface Request {
  /**
   * HTTP method (POST).
   */
  method: string
  /**
   * API path without /api2/json.
   */
  path: string
  /**
   * Form parameters as sent (target, online, restart, with-local-disks, timeout); never credentials.
   */
  params: {
    [k: string]: string | number | boolean
  }
}
/**
 * run-started: what the run was asked to do.
 *
 * This interface was referenced by `JournalRecord`'s JSON-Schema
 * via the `definition` "RunOptions".
 */
export interface RunOptions {
  /**
   * The command that ran: apply, drain, restore (drain --restore) or balance.
   */
  command: 'apply' | 'drain' | 'restore' | 'balance'
  /**
   * The plan file applied, as given.
   */
  planFile?: string
  /**
   * drain and restore: the node emptied or refilled.
   */
  drainNode?: string
  /**
   * Moves in the plan.
   */
  moves: number
  /**
   * Most migrations at once in the cluster.
   */
  parallel: number
  /**
   * Most migrations at once touching one node.
   */
  perNode: number
  /**
   * continue: the other moves go on after a failure; stop: no new move starts.
   */
  onFailure: 'continue' | 'stop'
  /**
   * Most seconds one migration may take before it is stopped and counted failed.
   */
  migrationTimeoutSeconds: number
  /**
   * The run continues an earlier one from this journal.
   */
  resume: boolean
  /**
   * Host name of the machine proxlb ran on.
   */
  host?: string
  /**
   * Process id of proxlb.
   */
  pid?: number
  /**
   * proxlb version.
   */
  tool?: string
}
/**
 * run-ended: the outcome of every move of the plan as the journal knows it.
 *
 * This interface was referenced by `JournalRecord`'s JSON-Schema
 * via the `definition` "RunSummary".
 */
export interface RunSummary {
  /**
   * completed: every move was tried; stopped: --on-failure stop halted it; interrupted: a signal stopped it (pending moves can be resumed); refused: nothing was started.
   */
  status: 'completed' | 'stopped' | 'interrupted' | 'refused'
  /**
   * Moves verified on their target.
   */
  done: number
  /**
   * Moves that failed.
   */
  failed: number
  /**
   * Moves not run.
   */
  skipped: number
  /**
   * Moves neither finished nor skipped (left for --resume).
   */
  pending: number
}
