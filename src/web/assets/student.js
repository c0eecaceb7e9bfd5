// The student area's script, and an enhancement like the storefront's: every page works without
// it. With it: an attempt's time left counts down and the attempt is handed in when it runs out,
// and an order page waiting for its payment reloads itself once the payment is confirmed.
(() => {
  // ---- An attempt's countdown. The server gives the seconds left when the page was made; the
  // count runs on this browser's monotonic clock, so a wrong system clock changes nothing.
  const timer = document.querySelector('[data-deadline-in]');
  if (timer) {
    const form = timer.closest('form');
    const loadedAt = performance.now();
    const total = Number(timer.dataset.deadlineIn);
    let handedIn = false;
    const show = () => {
      const left = Math.max(0, Math.round(total - (performance.now() - loadedAt) / 1000));
      timer.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
      if (left <= 60) timer.classList.add('countdown-low');
      // Hand in a moment before the deadline: answers that arrive after it do not count.
      if (left <= 1 && form && !handedIn) {
        handedIn = true;
        form.requestSubmit();
      }
    };
    show();
    setInterval(show, 1000);
  }

  // ---- An order waiting for its payment: ask until it is settled, then show the result.
  const pending = document.querySelector('[data-order-pending]');
  if (pending) {
    const ask = async () => {
      try {
        const response = await fetch(`/api/orders/${encodeURIComponent(pending.dataset.orderPending)}`, {
          headers: { accept: 'application/json' },
        });
        if (response.ok && (await response.json()).status !== 'open') return location.reload();
      } catch {
        // the server is restarting or the network dropped: ask again
      }
      setTimeout(ask, 1000);
    };
    setTimeout(ask, 1000);
  }
})();
