/** Who performs an action, in which role, within which request: what the audit log records. */
export interface Actor {
  readonly userId: string | null;
  readonly role: string | null;
  readonly correlationId: string | null;
}

/** Jobs, the CLI and start-up seeding act as the system. */
export function systemActor(correlationId: string | null = null): Actor {
  return { userId: null, role: 'system', correlationId };
}
