// The printable e-ticket (served by /api/bookings/{pnr}/ticket): its Print button, wired here because the content
// security policy allows no inline handlers.
document.getElementById("print-ticket")?.addEventListener("click", () => window.print());
