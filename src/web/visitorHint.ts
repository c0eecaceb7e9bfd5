/**
 * The services' hints are written for whoever runs the catalogue ("register the student once
 * they have paid: `catalog register …`", "refund the payment"). A student on the website can act
 * on neither, so such a hint is not shown there; the message itself still says what is wrong.
 */
const FOR_ADMINS = [
  /`catalog [a-z]/,
  /\bcatalog (course|register|registrations|search|enrol|access|material)\b/,
  /\brefund the payment\b/i,
];

export function visitorHint(hint: string | undefined): string | undefined {
  if (hint === undefined || hint.trim() === '') return undefined;
  return FOR_ADMINS.some((pattern) => pattern.test(hint)) ? undefined : hint;
}
