// The representatives' list on an election's setup page: show one union group, tick a whole group, count the
// ticked. Without this script every group is shown and the form still saves.
(function () {
  "use strict";
  var form = document.getElementById("electors-form");
  if (!form) return;
  var count = document.getElementById("elector-count");
  function update() {
    count.textContent = form.querySelectorAll("input[name=workers]:checked").length;
  }
  form.addEventListener("change", update);
  document.getElementById("elector-group").addEventListener("change", function (event) {
    form.querySelectorAll("fieldset[data-group]").forEach(function (fieldset) {
      fieldset.hidden = event.target.value !== "" && fieldset.dataset.group !== event.target.value;
    });
  });
  form.querySelectorAll("[data-select-group]").forEach(function (button) {
    button.addEventListener("click", function () {
      var boxes = form.querySelectorAll('fieldset[data-group="' + button.dataset.selectGroup + '"] input[name=workers]');
      var all = Array.prototype.every.call(boxes, function (box) { return box.checked; });
      boxes.forEach(function (box) { box.checked = !all; });
      update();
    });
  });
})();
