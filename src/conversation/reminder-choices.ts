/**
 * Choice ids of the buttons on reminders: valid at any time, not tied to a
 * question (the scheduler puts them on reminders, the engine answers them).
 */
export const REMINDER_REPORT = 'report'
export const REMINDER_SNOOZE = 'snooze'
