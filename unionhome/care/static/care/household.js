// Household rows on the needy-member file: "add a member" clones the formset's empty row
// (no reload, nothing from another host) and the household size follows the rows.
(function () {
  const box = document.getElementById("household");
  if (!box) return;
  const total = box.querySelector("input[name$='-TOTAL_FORMS']");
  const rows = document.getElementById("household-rows");
  const empty = document.getElementById("household-empty");
  const size = document.getElementById("household-size");
  const count = () => {
    const kept = [...rows.querySelectorAll(".household-row")]
      .filter((row) => !row.querySelector("input[name$='-DELETE']:checked"));
    size.textContent = 1 + kept.length;
  };
  document.getElementById("add-member").addEventListener("click", () => {
    const index = Number(total.value);
    rows.insertAdjacentHTML("beforeend",
      empty.innerHTML.replace(/__prefix__/g, index).replace(/__number__/g, index + 1));
    total.value = index + 1;
    rows.lastElementChild.querySelector("input[name$='-name']").focus();
    count();
  });
  rows.addEventListener("change", (event) => {
    if (event.target.name.endsWith("-DELETE")) {
      event.target.closest(".household-row").classList.toggle("opacity-50", event.target.checked);
      count();
    }
  });
  count();
})();
