export const RESOURCE_SCOPES = [
  'read:brands',
  'write:brands',
  'read:reports',
  'write:reports',
  'write:prompts',
  'read:jobs',
  'write:jobs',
  'read:region-configs',
  'write:region-configs',
  'read:scheduled',
  'write:scheduled',
  'read:webhooks',
  'write:webhooks',
  'read:citations',
  'read:meta',
] as const;
export const SCOPES = ['*', 'read:all', 'write:all', ...RESOURCE_SCOPES] as const;
export type Scope = (typeof SCOPES)[number];
export type ResourceScope = (typeof RESOURCE_SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** `*` and `write:all` grant everything, `read:all` every read, `write:x` implies `read:x` (spec §2). */
export function hasScope(granted: readonly string[], required: ResourceScope): boolean {
  const [action, resource] = required.split(':');
  return granted.some(
    (scope) =>
      scope === '*' ||
      scope === required ||
      scope === 'write:all' ||
      (action === 'read' && (scope === 'read:all' || scope === `write:${resource}`)),
  );
}
