/** A unit's submission for one period of a request, as storage reads it. */
export interface PeriodSubmission {
  status: 'none' | 'draft' | 'submitted' | 'covered'
  answered: number
  /** First submission (a later correction never moves it). */
  submittedAt: Date | null
}

/**
 * Where a unit stands on one request. One definition for every view:
 * submitted when every period of the request is submitted (or covered by a
 * larger one); on time when its first submission came before the request's
 * deadline; drafting when anything is answered.
 */
export type UnitRequestState =
  | { kind: 'on_time'; submittedAt: Date }
  | { kind: 'late'; submittedAt: Date }
  | { kind: 'drafting'; answered: number }
  | { kind: 'not_started' }

/** The state of one unit on one request from its per-period submissions. */
export function unitRequestState(periods: readonly PeriodSubmission[], dueAt: Date): UnitRequestState {
  const done = periods.length > 0 && periods.every((p) => p.status === 'submitted' || p.status === 'covered')
  if (done) {
    const times = periods.map((p) => p.submittedAt?.getTime()).filter((t): t is number => t !== undefined)
    // A covered period may carry no time of its own: the covering submission's time stands for it.
    const first = new Date(times.length ? Math.min(...times) : dueAt.getTime())
    return first.getTime() < dueAt.getTime() ? { kind: 'on_time', submittedAt: first } : { kind: 'late', submittedAt: first }
  }
  const answered = Math.max(0, ...periods.map((p) => p.answered))
  return answered > 0 ? { kind: 'drafting', answered } : { kind: 'not_started' }
}

/** Not submitted yet (nothing or a draft): what leaders' /chuanop lists and a manual reminder goes to. */
export function isOutstanding(state: UnitRequestState): boolean {
  return state.kind === 'drafting' || state.kind === 'not_started'
}

/** Counts over a request's expected units: what every headline figure is made of. */
export interface Completeness {
  expected: number
  submitted: number
  onTime: number
  late: number
  drafting: number
  notStarted: number
  /** Whole percent of expected units that submitted, never above 100. */
  percent: number
}

/** Tally unit states into the figures leaders read ("40/54 đơn vị đã nộp (74%), 35 đúng hạn"). */
export function completeness(states: readonly UnitRequestState[]): Completeness {
  const count = (k: UnitRequestState['kind']) => states.filter((s) => s.kind === k).length
  const onTime = count('on_time')
  const late = count('late')
  const submitted = onTime + late
  const expected = states.length
  return { expected, submitted, onTime, late, drafting: count('drafting'), notStarted: count('not_started'), percent: expected ? Math.floor((submitted / expected) * 100) : 0 }
}
