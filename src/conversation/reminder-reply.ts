import { labels, msg } from './messages.js'
import { REMINDER_REPORT, REMINDER_SNOOZE } from './reminder-choices.js'
import type { Reply } from './types.js'

/**
 * A reminder as units receive it: the text with the two reminder buttons
 * ("Báo cáo ngay", "Nhắc lại ngày mai"), which the engine answers at any
 * time. Scheduled reminders and the office's "Nhắc ngay" share it.
 */
export function reminderReply(text: string): Reply {
  return { text, choices: [{ id: REMINDER_REPORT, label: labels.startNow }, { id: REMINDER_SNOOZE, label: msg.remindLater }], token: 0 }
}
