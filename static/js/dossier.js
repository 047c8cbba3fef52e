// The dossier's "Print or save as PDF" button (the page also prints from the browser's menu).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
