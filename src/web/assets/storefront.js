// The storefront's only script, and an enhancement: without it every page works through plain
// links and the form. With it: search as you type, filters that apply at once, a history that
// Back walks through, and prices, seats and the call to action updated live as the catalogue
// changes. The server renders every piece of HTML; this only asks for it and swaps it in.
(() => {
  document.documentElement.classList.add('js');
  const FRAGMENT_HEADER = 'X-Catalog-Fragment';
  const TYPING_PAUSE_MS = 250;

  // ---- Live updates: follow the courses the page shows (elements marked data-live).
  let events;
  function follow(region) {
    if (events) events.close();
    events = undefined;
    const ids = (region?.dataset.liveCourses || '').split(' ').filter(Boolean);
    if (!ids.length) return;
    const params = new URLSearchParams();
    for (const id of ids) params.append('course', id);
    // Where the page's content was read: changes made since then are replayed first. A reconnect
    // sends Last-Event-ID itself, which the server prefers.
    if (region.dataset.liveAfter) params.set('after', region.dataset.liveAfter);
    events = new EventSource(`/api/events?${params}`);
    events.addEventListener('course', (event) => {
      const { courseId, parts } = JSON.parse(event.data);
      const normal = document.createElement('template');
      for (const element of document.querySelectorAll('[data-live][data-course]')) {
        if (element.dataset.course !== courseId || !(element.dataset.live in parts)) continue;
        normal.innerHTML = parts[element.dataset.live];
        if (normal.innerHTML === element.innerHTML) continue;
        element.innerHTML = normal.innerHTML;
        element.classList.remove('updated');
        void element.offsetWidth; // restart the highlight animation
        element.classList.add('updated');
      }
    });
    events.addEventListener('reload', () => location.reload());
  }
  const liveRegion = () => document.querySelector('[data-live-courses]');
  follow(liveRegion());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) follow(liveRegion());
  });

  // ---- Search as you type.
  const form = document.querySelector('form[data-search]');
  if (!form) return;
  const panel = document.querySelector('.filter-panel');
  if (panel && window.matchMedia('(max-width: 859px)').matches) panel.open = false;

  /** The address for what the form says now: blanks left out, back to page 1. */
  function formAddress() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (name !== 'page' && String(value).trim() !== '') params.append(name, value);
    const text = params.toString();
    return text ? `/?${text}` : '/';
  }

  /** Sets every field from an address (Back and Forward, links that change the search). */
  function fillForm(address) {
    const params = new URL(address, location.href).searchParams;
    for (const field of form.elements) {
      if (!field.name || field.type === 'submit') continue;
      const value = params.get(field.name) || '';
      if (field.type === 'checkbox') field.checked = ['1', 'true', 'on', 'yes'].includes(value.toLowerCase());
      else if (field.type === 'radio') field.checked = field.value === value;
      else if (field !== document.activeElement || field.value !== value) field.value = value;
    }
  }

  let pending;
  let typing = false;
  async function show(address, history) {
    if (pending) pending.abort();
    const request = new AbortController();
    pending = request;
    const results = document.getElementById('results');
    if (results) results.setAttribute('aria-busy', 'true');
    let text;
    try {
      const response = await fetch(address, { headers: { [FRAGMENT_HEADER]: 'results' }, signal: request.signal });
      text = await response.text();
    } catch (error) {
      if (error.name === 'AbortError') return;
      window.location.href = address; // the server is still there for a plain page load
      return;
    }
    if (pending !== request) return;
    pending = undefined;
    const focused = document.activeElement?.id;
    const fragments = document.createElement('template');
    fragments.innerHTML = text;
    for (const slot of fragments.content.querySelectorAll('template[data-slot]')) {
      const target = document.getElementById(slot.dataset.slot);
      if (target) target.replaceWith(slot.content.cloneNode(true));
    }
    if (focused && document.activeElement === document.body) document.getElementById(focused)?.focus();
    if (history === 'push') window.history.pushState(null, '', address);
    else if (history === 'replace') window.history.replaceState(null, '', address);
    const region = document.getElementById('results');
    if (region) {
      if (region.dataset.title) document.title = region.dataset.title;
      const summary = region.querySelector('.summary, [role="alert"]');
      const status = document.getElementById('search-status');
      if (status && summary) status.textContent = summary.textContent;
    }
    follow(region);
  }

  const current = () => location.pathname + location.search;
  let timer;
  function searchSoon() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const address = formAddress();
      if (address === current()) return;
      // The first pause of a stretch of typing makes a history entry; later ones refine it.
      show(address, typing ? 'replace' : 'push');
      typing = true;
    }, TYPING_PAUSE_MS);
  }
  function searchNow() {
    clearTimeout(timer);
    typing = false;
    const address = formAddress();
    show(address, address === current() ? 'replace' : 'push');
  }

  const isText = (field) => field.type === 'search' || field.type === 'text';
  // Fields outside the form element belong to it through form="search".
  document.addEventListener('input', (event) => {
    if (event.target.form === form && isText(event.target)) searchSoon();
  });
  document.addEventListener('change', (event) => {
    if (event.target.form === form && !isText(event.target)) searchNow();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    searchNow();
  });
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-nav]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    typing = false;
    const address = link.getAttribute('href');
    fillForm(address);
    show(address, 'push').then(() => {
      const heading = document.getElementById('results-heading');
      const results = document.getElementById('results');
      if (results && link.closest('.pagination')) {
        results.scrollIntoView({ block: 'start' });
        heading?.setAttribute('tabindex', '-1');
        heading?.focus({ preventScroll: true });
      }
    });
  });
  window.addEventListener('popstate', () => {
    typing = false;
    fillForm(current());
    show(current(), 'none');
  });
})();
