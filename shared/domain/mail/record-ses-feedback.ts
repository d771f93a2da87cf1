/** The parts of an SES event (via the configuration set's EventBridge destination) that matter here. */
export interface SesFeedbackDetail {
  eventType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: Array<{ emailAddress: string; diagnosticCode?: string }> };
  complaint?: { complaintFeedbackType?: string; complainedRecipients?: Array<{ emailAddress: string }> };
}

export interface SuppressionPort {
  suppress(email: string, reason: string, detail: string, now: Date): Promise<void>;
}

/**
 * Permanent bounces and complaints suppress the address for good; transient
 * bounces (full mailbox, out of office) do not.
 */
export async function recordSesFeedback(detail: SesFeedbackDetail, deps: SuppressionPort & { now: () => Date }): Promise<string[]> {
  const suppressed: Array<[string, string, string]> = [];
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    for (const recipient of detail.bounce.bouncedRecipients ?? []) {
      suppressed.push([recipient.emailAddress, 'BOUNCE', `${detail.bounce.bounceSubType ?? ''} ${recipient.diagnosticCode ?? ''}`.trim()]);
    }
  }
  if (detail.eventType === 'Complaint') {
    for (const recipient of detail.complaint?.complainedRecipients ?? []) {
      suppressed.push([recipient.emailAddress, 'COMPLAINT', detail.complaint?.complaintFeedbackType ?? '']);
    }
  }
  for (const [email, reason, info] of suppressed) await deps.suppress(email, reason, info, deps.now());
  return suppressed.map(([email]) => email);
}
