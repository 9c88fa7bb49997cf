/* Ranked ballot, enhanced. The ballot is a plain form of numbered selects and works without
   this script; with it, each candidate gets a "Rank next" button (one click or tap per
   choice, in order), a "Clear my ranks" button, and a live summary of the order so far.
   Its words come translated from the table's data-* attributes (ballot.html). */
(function () {
  "use strict";
  var table = document.querySelector("table.ranked-ballot");
  if (!table) { return; }
  var words = table.dataset;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var summary = document.createElement("p");
  summary.setAttribute("aria-live", "polite");
  summary.className = "ballot-summary";
  table.parentNode.insertBefore(summary, table.nextSibling);

  function nameOf(row) { return row.dataset.name; }
  function selectOf(row) { return row.querySelector("select"); }

  function refresh() {
    var ranked = rows.filter(function (r) { return selectOf(r).value; })
      .sort(function (a, b) { return Number(selectOf(a).value) - Number(selectOf(b).value); });
    summary.textContent = ranked.length
      ? words.yourOrder + " " + ranked.map(function (r) { return selectOf(r).value + ". " + nameOf(r); }).join(", ")
      : words.nobodyRanked;
    rows.forEach(function (r) { r.querySelector("button.rank-next").disabled = !!selectOf(r).value; });
  }

  rows.forEach(function (row) {
    var cell = document.createElement("td");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary rank-next";
    button.textContent = words.rankNext;
    button.setAttribute("aria-label", words.rankNameNext.replace("{name}", nameOf(row)));
    button.addEventListener("click", function () {
      var used = rows.map(function (r) { return Number(selectOf(r).value) || 0; });
      selectOf(row).value = String(Math.max.apply(null, used) + 1);
      refresh();
    });
    cell.appendChild(button);
    row.appendChild(cell);
    selectOf(row).addEventListener("change", refresh);
  });
  var head = table.querySelector("thead tr");
  var th = document.createElement("th");
  th.scope = "col";
  var hidden = document.createElement("span");
  hidden.className = "visually-hidden";
  hidden.textContent = words.quickRanking;
  th.appendChild(hidden);
  head.appendChild(th);

  var clear = document.createElement("button");
  clear.type = "button";
  clear.className = "secondary";
  clear.textContent = words.clear;
  clear.addEventListener("click", function () {
    rows.forEach(function (r) { selectOf(r).value = ""; });
    refresh();
  });
  summary.parentNode.insertBefore(clear, summary.nextSibling);
  refresh();
}());
