/**
 * A plan in the format asked for, the one choice `plan` and `show` share: text for a
 * terminal, Markdown for a pull request, a page (HTML) to open offline, or the plan
 * document itself (JSON). Presentation only.
 */
import {prettyJson} from '../model/canonical.js'
import type {Plan} from '../model/plan.js'
import {renderPlanHtml} from './html.js'
import {renderPlanMarkdown} from './plan-markdown.js'
import {type PlanSources, renderPlanText} from './plan-text.js'

export const PLAN_FORMATS = ['text', 'markdown', 'json', 'html'] as const
export type PlanFormat = (typeof PLAN_FORMATS)[number]

export function renderPlanAs(format: PlanFormat, plan: Plan, sources: PlanSources): string {
  switch (format) {
    case 'json':
      return prettyJson(plan)
    case 'markdown':
      return renderPlanMarkdown(plan, sources)
    case 'html':
      return renderPlanHtml(plan, sources)
    case 'text':
      return renderPlanText(plan, sources)
  }
}
