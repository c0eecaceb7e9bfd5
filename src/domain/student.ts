/**
 * A student is known by an email address. Addresses differ only in case far more often by
 * accident than on purpose, so the catalogue keeps them in lower case: one person, one student.
 */
export interface Student {
  id: number;
  email: string;
  name: string | null;
  createdAt: number;
}

// Deliberately loose: the payment provider has already reached this address; we only catch typos
// such as a missing "@" or domain, a space, or a pasted "Name <address>".
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;.]{2,}$/;

/** The student's email as stored, or undefined when it is not an address. */
export function normaliseEmail(text: string): string | undefined {
  const email = text.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) return undefined;
  return email;
}
