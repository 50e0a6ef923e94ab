// Two-step sign-in pages: after a passkey is created, go on to the next step (the library's
// script only reports success); show the Print button only where it can work.
document.addEventListener("otp_webauthn.register_complete", () => {
  const holder = document.querySelector("[data-passkey-added-url]");
  if (holder) window.location.assign(holder.dataset.passkeyAddedUrl);
});
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
