/* Copy buttons for read-only fields (calendar feed addresses). Without this script the
   address is still shown in its read-only field, selectable by hand, and there is no button
   (one that did nothing would mislead). Each <span class="copy-slot" data-copy="<field id>">
   gets a button; its words come translated from the slot's data-label / data-copied /
   data-failed (_feed_link.html). */
(function () {
  "use strict";

  function fallbackCopy(field) {
    field.focus();
    field.select();
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }

  function addButton(slot) {
    var field = document.getElementById(slot.dataset.copy);
    if (!field || slot.querySelector("button")) { return; }
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "secondary";
    button.textContent = slot.dataset.label;
    status.setAttribute("role", "status");
    status.className = "muted";
    slot.appendChild(button);
    slot.appendChild(document.createTextNode(" "));
    slot.appendChild(status);
    var done = function () { status.textContent = slot.dataset.copied; };
    var failed = function () {
      status.textContent = fallbackCopy(field) ? slot.dataset.copied : slot.dataset.failed;
    };
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, failed);
      } else {
        failed();
      }
    });
    // Clicking into the field selects the whole address, ready for Ctrl+C.
    field.addEventListener("focus", function () { field.select(); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".copy-slot[data-copy]"), addButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
