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

type ApiPupilName = { preferredFirstName: string | null; legalFirstName: string; lastName: string };

/** The first name staff use: the preferred one, else the legal one (camelCase, as the API gives it). */
export function firstNameOf(p: Omit<ApiPupilName, "lastName">): string {
  return p.preferredFirstName ?? p.legalFirstName;
}

/** The same name from a pupil as the API gives it (camelCase fields). */
export function displayNameOf(p: ApiPupilName): string {
  return pupilDisplayName({
    preferred_first_name: p.preferredFirstName,
    legal_first_name: p.legalFirstName,
    last_name: p.lastName,
  });
}

/** The name for a list in surname order: "Last, First". */
export function listNameOf(p: ApiPupilName): string {
  return `${p.lastName}, ${firstNameOf(p)}`;
}

/** How one viewer may see a pupil. */
export interface PupilSeenAs {
  /** The viewer sees this pupil by name (their own school's pupil, and one they work with). */
  named: boolean;
  /** The pupil's pseudonym for the programme year, if they have one. */
  pseudonym: string | null | undefined;
  /** The pupil's school's short code, for a pupil with no pseudonym yet. */
  schoolCode: string | null | undefined;
}

/** What stands for a pupil who has no pseudonym yet: their school's code and "??". */
export const unassignedPseudonym = (schoolCode: string | null | undefined): string =>
  `${schoolCode ?? "???"}-??`;

/**
 * The one rule for "name or pseudonym for this viewer": the pupil's name where the
 * viewer may see it, else their pseudonym, else `withoutPseudonym` (by default the
 * school's code and "??").
 */
export function pupilShownAs(
  p: { preferred_first_name: string | null; legal_first_name: string; last_name: string } | null,
  seen: PupilSeenAs,
  withoutPseudonym: (schoolCode: string | null | undefined) => string = unassignedPseudonym,
): string {
  if (seen.named && p) return pupilDisplayName(p);
  return seen.pseudonym ?? withoutPseudonym(seen.schoolCode);
}
