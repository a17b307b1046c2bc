/** `plan draft`: document → commented plan YAML. The CLI imports only this. */
export { readDraftSource, DRAFT_EXTENSIONS } from './read-source.js'
export { draftPlan, type DraftPlan, type DraftCheck } from './draft-plan.js'
export { writeDraftYaml, CHECK_MARK } from './yaml-writer.js'
export type { Cell, Table, DraftSource } from './table.js'
