// "Copy link" on the holder's certificate: progressive enhancement. Without this script the
// link is still shown in a read-only field that can be selected and copied by hand; with it,
// the button appears and copies the link, and a status line says whether it worked.
document.querySelectorAll("[data-copy]").forEach((button) => {
  button.hidden = false;
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copyStatus);
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = button.dataset.copied;
  } catch {
    field.focus();
    field.select();
    status.textContent = button.dataset.failed;
  }
});
