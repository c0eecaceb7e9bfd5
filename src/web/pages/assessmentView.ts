import type { Question } from '../../domain/assessment/assessment.js';
import type { StudentResults } from '../../services/assessments/studentResults.js';
import type { OpenAttempt } from '../../services/assessments/takeAssessment.js';
import { instantInZone } from './format.js';
import { buttonForm, csrfField, problemNotice } from './formParts.js';
import type { FormProblem } from './formParts.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface AssessmentPage {
  courseId: string;
  courseTitle: string;
  results: StudentResults;
  open: OpenAttempt | undefined;
  /** The attempt just handed in, to say how it went. */
  handedIn: number | null;
  now: number;
  token: string;
  timeZone: string;
  problem?: FormProblem | undefined;
}

const when = (iso: string, timeZone: string) => html`<time datetime="${iso}">${instantInZone(Date.parse(iso), timeZone)}</time>`;
const fieldName = (question: Question) => `answer.${question.id}`;

function questionField(question: Question, choiceOrder: number[] | undefined, number: number): Html {
  const name = fieldName(question);
  const legend = html`<legend><span class="question-number">${number}.</span> ${question.prompt} <span class="points">(${question.points} ${question.points === 1 ? 'point' : 'points'})</span></legend>`;
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const type = question.type === 'single' ? 'radio' : 'checkbox';
      const order = choiceOrder ?? question.choices.map((_, i) => i);
      return html`<fieldset class="field question" data-question="${question.id}">${legend}${question.type === 'multiple' ? html`<p class="form-note">Choose every right answer.</p>` : ''}
${order.map((position, i) => {
  const id = `${question.id}-${i}`;
  return html`<div class="field check"><input type="${type}" id="${id}" name="${name}" value="${question.choices[position]!}"><label for="${id}">${question.choices[position]!}</label></div>`;
})}</fieldset>`;
    }
    case 'number':
      return html`<fieldset class="field question" data-question="${question.id}">${legend}<input type="text" inputmode="decimal" id="${question.id}" name="${name}" aria-label="Your answer to question ${number}"></fieldset>`;
    case 'text':
      return html`<fieldset class="field question" data-question="${question.id}">${legend}<input type="text" id="${question.id}" name="${name}" maxlength="2000" aria-label="Your answer to question ${number}"></fieldset>`;
  }
}

function attemptForm(page: AssessmentPage, open: OpenAttempt): Html {
  const secondsLeft = Math.max(0, Math.floor((open.deadline - page.now) / 1000));
  const questions = open.order.questions.map((position) => open.definition.questions[position]!);
  return html`<form method="post" action="/me/courses/${page.courseId}/assessments/${open.assessmentId}/attempts/${open.attempt.number}" class="attempt-form" data-attempt="${open.attempt.number}">
${csrfField(page.token)}
<p class="countdown" role="timer" aria-live="off">Attempt ${open.attempt.number} &middot; hand in by ${instantInZone(open.deadline, page.timeZone)}${
    open.definition.timeLimitMinutes !== null
      ? html` &middot; <strong data-deadline-in="${secondsLeft}">${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}</strong> left`
      : ''
  }</p>
${questions.map((question, i) => questionField(question, open.order.choices[question.id], i + 1))}
<button type="submit" class="button button-primary">Hand in</button>
</form>`;
}

function attemptsTable(page: AssessmentPage): Html | string {
  const { results, timeZone } = page;
  if (!results.attempts.length) return '';
  return html`<table class="schedule-table attempts-table">
<thead><tr><th scope="col">Attempt</th><th scope="col">Started</th><th scope="col">Handed in</th><th scope="col">Score</th></tr></thead>
<tbody>${results.attempts.map(
    (attempt) =>
      html`<tr data-attempt-row="${attempt.attempt}"><th scope="row">${attempt.attempt}</th><td>${when(attempt.startedAt, timeZone)}</td><td>${attempt.submittedAt ? when(attempt.submittedAt, timeZone) : 'Open'}${attempt.late ? ' (late)' : ''}</td><td>${attempt.score === null ? '' : `${attempt.score} / ${results.counted.maxScore} (${attempt.percent}%)`}</td></tr>`,
  )}</tbody>
</table>`;
}

function handedInNotice(page: AssessmentPage): Html | string {
  const attempt = page.results.attempts.find((a) => a.attempt === page.handedIn);
  if (!attempt || attempt.score === null) return '';
  const left = page.results.attemptsLeft;
  return html`<div class="notice" role="status" id="attempt-result"><p><strong>Attempt ${attempt.attempt} handed in: ${attempt.score} / ${page.results.counted.maxScore} (${attempt.percent}%)</strong></p><p>${left === null ? 'You may try again as often as you like.' : left === 0 ? 'No attempts left.' : `${left} ${left === 1 ? 'attempt' : 'attempts'} left.`}</p></div>`;
}

/** /me/courses/:id/assessments/:aid: the window, the attempts so far, and the form of an open attempt or a way to start one. */
export function assessmentPageBody(page: AssessmentPage): Html {
  const { results, timeZone } = page;
  const counted = results.counted;
  const canStart =
    !page.open && results.attemptsLeft !== 0 && page.now >= Date.parse(results.opensAt) && page.now < Date.parse(results.closesAt);
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/me">Your courses</a> <span aria-hidden="true">/</span> <a href="/me/courses/${page.courseId}">${page.courseTitle}</a> <span aria-hidden="true">/</span> <span>${results.title}</span></nav>
<article class="panel assessment-page">
<h1>${results.title}</h1>
<dl class="facts">
<div><dt>Opens</dt><dd>${when(results.opensAt, timeZone)}</dd></div>
<div><dt>Due</dt><dd>${when(results.dueAt, timeZone)}</dd></div>
${results.closesAt !== results.dueAt ? html`<div><dt>Late until</dt><dd>${when(results.closesAt, timeZone)}</dd></div>` : ''}
<div><dt>Attempts left</dt><dd>${results.attemptsLeft === null ? 'Unlimited' : String(results.attemptsLeft)}</dd></div>
<div><dt>Your grade</dt><dd id="assessment-grade">${counted.score === null ? 'Not handed in' : `${counted.score} / ${counted.maxScore} (${counted.percent}%)${counted.passed ? ', passed' : ''}`}</dd></div>
</dl>
${problemNotice(page.problem)}
${handedInNotice(page)}
${page.open ? attemptForm(page, page.open) : ''}
${canStart ? buttonForm(`/me/courses/${page.courseId}/assessments/${results.assessmentId}/attempts`, page.token, results.attempts.length ? 'Start another attempt' : 'Start the assessment', { primary: true }) : ''}
${attemptsTable(page)}
</article>`;
}
