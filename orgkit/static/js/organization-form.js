/* The "create an organization" form, enhanced. Without this script the form still works:
   a blank web address is made from the name on the server, and the time zone defaults to
   the server's. With it:
   - the web address fills in from the name as you type (until you edit it yourself), and the
     whole address is shown under the field;
   - the browser's own time zone is moved to the top of the list and preselected. */
(function () {
  "use strict";

  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50).replace(/-+$/, "");
  }

  function setUpAddress() {
    var name = document.getElementById("id_name");
    var slug = document.getElementById("id_slug");
    if (!name || !slug || slug.dataset.addressPrefix === undefined) { return; }
    var edited = slug.value !== "" && slug.value !== slugify(name.value);
    var preview = document.createElement("p");
    preview.className = "help";
    preview.id = "id_slug_preview";
    preview.setAttribute("aria-live", "polite");
    slug.parentNode.appendChild(preview);
    var described = slug.getAttribute("aria-describedby");
    slug.setAttribute("aria-describedby", (described ? described + " " : "") + preview.id);

    function show() {
      var value = slug.value || slugify(name.value);
      preview.textContent = value ? slug.dataset.addressPrefix + value + "/" : "";
    }
    name.addEventListener("input", function () {
      if (!edited) { slug.value = slugify(name.value); }
      show();
    });
    slug.addEventListener("input", function () {
      edited = slug.value !== "";
      show();
    });
    show();
  }

  function preselectZone() {
    var select = document.getElementById("id_timezone_name");
    if (!select || select.dataset.guessBrowserZone !== "true" || select.dataset.guessed) { return; }
    select.dataset.guessed = "1";
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    var match = Array.prototype.filter.call(select.options, function (o) { return o.value === zone; })[0];
    if (!match) { return; }
    var first = select.querySelector("optgroup");
    var option = match.cloneNode(true);
    if (first) { first.insertBefore(option, first.firstChild); } else { select.insertBefore(option, select.firstChild); }
    // A form sent back with errors keeps the zone the person chose.
    if (!select.form || !select.form.classList.contains("was-submitted")) { option.selected = true; }
  }

  function init() {
    setUpAddress();
    preselectZone();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
