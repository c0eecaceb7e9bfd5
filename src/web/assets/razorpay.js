// Razorpay's payment page: opens Razorpay Checkout (its script, served by Razorpay, defines
// window.Razorpay) with the order's options from the button, and posts Razorpay's answer
// (payment id, order id, signature) to this site, which checks the signature before anything else.
(() => {
  const button = document.getElementById('razorpay-pay');
  const returnForm = document.getElementById('razorpay-return');
  const status = document.getElementById('razorpay-status');
  if (!button || !returnForm) return;
  button.addEventListener('click', () => {
    if (typeof window.Razorpay !== 'function') {
      status.textContent = 'Razorpay Checkout did not load. Check your connection and reload the page.';
      return;
    }
    const checkout = new window.Razorpay({
      key: button.dataset.key,
      order_id: button.dataset.order,
      amount: Number(button.dataset.amount),
      currency: 'INR',
      name: button.dataset.name,
      prefill: { email: button.dataset.email, name: button.dataset.contactName },
      handler: (response) => {
        returnForm.elements.razorpay_payment_id.value = response.razorpay_payment_id;
        returnForm.elements.razorpay_order_id.value = response.razorpay_order_id;
        returnForm.elements.razorpay_signature.value = response.razorpay_signature;
        returnForm.submit();
      },
      modal: { ondismiss: () => (status.textContent = 'Payment not completed. You can try again.') },
    });
    checkout.on('payment.failed', (response) => {
      status.textContent = `The payment failed: ${response.error?.description ?? 'try again or use another method'}`;
    });
    checkout.open();
  });
})();
