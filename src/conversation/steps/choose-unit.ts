import { openReport } from '../commands/report.js'
import { renderCurrent } from '../render.js'
import type { ChooseUnitState } from '../state.js'
import type { ReporterTurn, StepResult } from '../turn.js'

/** The `choose_unit` step: open the report of the unit picked. */
export async function handleChooseUnit(turn: ReporterTurn, state: ChooseUnitState, choiceId: string | undefined): Promise<StepResult> {
  const picked = choiceId?.startsWith('u') ? state.unitChoices[Number(choiceId.slice(1))] : undefined
  const contact = picked ? turn.reporters.find((r) => r.id === picked.contactId) : undefined
  if (!contact) return { state, replies: [renderCurrent(state)] }
  return openReport(turn, contact)
}
