/**
 * The name staff use for a pupil inside their own school: the preferred first
 * name (else the legal one), then the last name. Outside the school a pupil is
 * shown by pseudonym, never by this.
 */
export function pupilDisplayName(p: {
  preferred_first_name: string | null;
  legal_first_name: string;
  last_name: string;
}): string {
  return `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`;
}

/** The same name from a pupil as the API gives it (camelCase fields). */
export function displayNameOf(p: {
  preferredFirstName: string | null;
  legalFirstName: string;
  lastName: string;
}): string {
  return pupilDisplayName({
    preferred_first_name: p.preferredFirstName,
    legal_first_name: p.legalFirstName,
    last_name: p.lastName,
  });
}
