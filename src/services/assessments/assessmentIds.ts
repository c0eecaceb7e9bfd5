const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** "asm_" and ten characters of Crockford base32, like course ids. */
export function newAssessmentId(): string {
  const bytes = process.getBuiltinModule('node:crypto').randomBytes(10);
  let id = 'asm_';
  for (const byte of bytes) id += ID_ALPHABET[byte % 32];
  return id;
}

/** A seed for an attempt's question and choice order. */
export function newAttemptSeed(): number {
  return process.getBuiltinModule('node:crypto').randomBytes(4).readUInt32LE(0);
}
