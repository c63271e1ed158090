// The admin's Export page: the "Select all" box ticks or clears every field of the export.
// Here rather than in an onchange attribute, which the Content-Security-Policy blocks.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      const boxes = document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]');
      boxes.forEach((box) => {
        box.checked = toggle.checked;
      });
    });
  });
});
