/**
 * The exit codes of commands that move guests (apply, drain, balance), and the refusals:
 * errors raised before anything moved, because a check or the operator said no.
 *
 *   0  every move of the plan is done (or there was nothing to do)
 *   1  error: bad input, unreadable file, failed login, no host answering
 *   3  the plan was not carried out completely: some migrations failed or were skipped,
 *      or the run was interrupted (the report lists each move; --resume continues)
 *   4  refused, nothing moved: a stale plan or one made for another cluster, another
 *      proxlb holding the cluster lock, a migration already running, a drain that would
 *      leave guests behind, no confirmation, a stop request before the start
 */
import {ProxlbError} from '../model/problems.js'

export const EXIT_INCOMPLETE = 3
export const EXIT_REFUSED = 4

export class RefusedError extends ProxlbError {
  constructor(
    message: string,
    private readonly details: readonly string[] = [],
  ) {
    super(message, EXIT_REFUSED)
  }

  override lines(): string[] {
    return [this.message, ...this.details]
  }
}

/** The live cluster differs from what the plan expects. */
export class StalePlanError extends RefusedError {}

/** Another proxlb holds the cluster, or a guest is being migrated by someone else. */
export class ClusterBusyError extends RefusedError {}

/** A drain would leave guests on the node. */
export class DrainBlockedError extends RefusedError {}

/** Nobody said yes. */
export class NotConfirmedError extends RefusedError {}

/** The plan was made for another cluster: no replanning makes it this one's. */
export class ForeignPlanError extends RefusedError {}

/** A stop request (a signal, a stop button) came before anything moved. */
export class StoppedBeforeStartError extends RefusedError {}
