import type { StartupProfileChange } from '@parcours/backoffice-data-access';
import type { StartupView } from '@parcours/contracts';

/** The profile as typed in the form: every field a string, tags comma-separated. */
export interface ProfileDraft {
  name: string;
  legalName: string;
  siren: string;
  foundedOn: string;
  website: string;
  description: string;
  tags: string;
}

export function draftOf(startup: StartupView): ProfileDraft {
  return {
    name: startup.name,
    legalName: startup.legalName ?? '',
    siren: startup.siren ?? '',
    foundedOn: startup.foundedOn ?? '',
    website: startup.website ?? '',
    description: startup.description ?? '',
    tags: startup.tags.join(', '),
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * Only the fields that changed, so that a founder never sends a field reserved to managers and
 * nobody overwrites a field they did not touch. Founders' changes are limited to the public
 * profile (description, website, tags).
 */
export function changeFrom(
  startup: StartupView,
  draft: ProfileDraft,
  publicProfileOnly: boolean,
): StartupProfileChange {
  const before = draftOf(startup);
  const change: StartupProfileChange = {};
  const differs = (field: keyof ProfileDraft) => draft[field].trim() !== before[field].trim();
  if (differs('description')) change.description = orNull(draft.description);
  if (differs('website')) change.website = orNull(draft.website);
  const tags = draft.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  if (tags.join(',') !== startup.tags.join(',')) change.tags = [...new Set(tags)];
  if (publicProfileOnly) return change;
  if (differs('name')) change.name = draft.name.trim();
  if (differs('legalName')) change.legalName = orNull(draft.legalName);
  if (differs('siren')) change.siren = orNull(draft.siren.replace(/\s+/g, ''));
  if (differs('foundedOn')) change.foundedOn = orNull(draft.foundedOn);
  return change;
}
