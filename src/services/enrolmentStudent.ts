import { normaliseEmail } from '../domain/student.js';
import type { FieldProblem } from '../errors.js';
import type { RegistrationStore } from '../store/registrationStore.js';

/** A student's email and optional name, as registering and enrolling both take them. */
export function studentProblems(request: { student: string; name?: string | undefined }): {
  email: string | undefined;
  name: string | null;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const email = normaliseEmail(request.student);
  if (!email)
    problems.push({
      field: 'student',
      message: `"${request.student}" is not an email address`,
      hint: "pass --student with the student's email, e.g. --student asha@example.in",
    });
  const name = request.name?.trim() || null;
  if (name !== null && name.length > 200)
    problems.push({ field: 'name', message: 'the name is longer than 200 characters', hint: 'shorten --name' });
  return { email, name, problems };
}

/** The student's id, made on first use; a name given later fills in one never given. */
export function studentFor(
  store: RegistrationStore,
  student: { id: number; name: string | null } | undefined,
  input: { email: string; name: string | null },
  now: number,
): number {
  if (!student) return store.addStudent(input.email, input.name, now).id;
  if (input.name && !student.name) store.nameStudent(student.id, input.name);
  return student.id;
}
