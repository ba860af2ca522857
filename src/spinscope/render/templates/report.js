// spinscope report: toggles, details and jumps. Every string from the document is set with
// textContent, never parsed as HTML.
(function () {
  "use strict";
  var dataBlock = document.getElementById("report-data");
  var article = document.getElementById("article");
  if (!dataBlock || !article) { return; }
  var data = JSON.parse(dataBlock.textContent);
  var details = document.getElementById("details");
  var sidebar = document.querySelector("aside.panels");
  var segments = Array.prototype.slice.call(article.querySelectorAll("[data-items]"));
  var toggles = Array.prototype.slice.call(document.querySelectorAll("input[data-toggle]"));
  var segmentsOf = {};
  segments.forEach(function (segment) {
    segment.itemKeys = segment.getAttribute("data-items").split(" ");
    segment.itemKeys.forEach(function (key) { (segmentsOf[key] = segmentsOf[key] || []).push(segment); });
  });

  function enabled() {
    var on = { layer: {}, technique: {}, scores: {} };
    toggles.forEach(function (input) {
      var value = input.getAttribute("data-toggle");
      var colon = value.indexOf(":");
      on[value.slice(0, colon)][value.slice(colon + 1)] = input.checked && !input.disabled;
    });
    return on;
  }

  function isShown(item, on) {
    if (!item || !on.layer[item.layer]) { return false; }
    if (item.layer !== "techniques") { return true; }
    return on.technique[item.group] !== false && (item.variant !== "below" || !!on.scores.below);
  }

  function bands(colors) {
    var stops = colors.map(function (color, i) {
      return color + " " + (100 * i / colors.length) + "% " + (100 * (i + 1) / colors.length) + "%";
    });
    return "linear-gradient(to bottom, " + stops.join(", ") + ")";
  }

  function restyleSegment(segment, on) {
    var shown = segment.itemKeys.filter(function (key) { return isShown(data.items[key], on); });
    var layers = {}, colors = [], claim = -1, direct = false, checkworthy = false;
    shown.forEach(function (key) {
      var item = data.items[key];
      layers[item.layer] = true;
      if (item.layer === "techniques" && colors.indexOf(data.colors[item.group]) < 0) { colors.push(data.colors[item.group]); }
      if (item.layer === "claims") { claim = Math.max(claim, item.score); checkworthy = checkworthy || item.variant === "checkworthy"; }
      if (item.layer === "quotes") { direct = direct || item.variant === "direct"; }
    });
    data.layers.forEach(function (layer) { segment.classList.toggle("on-" + layer, !!layers[layer]); });
    segment.classList.toggle("quote-reported", !!layers.quotes && !direct);
    segment.classList.toggle("claim-minor", !!layers.claims && !checkworthy);
    if (colors.length) { segment.style.setProperty("--tech-bg", bands(colors)); } else { segment.style.removeProperty("--tech-bg"); }
    if (claim >= 0) { segment.style.setProperty("--claim-alpha", String(0.25 + 0.75 * claim)); }
    segment.title = shown.map(function (key) { return data.items[key].title; }).join(" · ");
  }

  function restyle() {
    var on = enabled();
    segments.forEach(function (segment) { restyleSegment(segment, on); });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function card(key) {
    var item = data.items[key];
    var node = element("div", "card card-" + item.layer);
    var heading = element("h3");
    if (item.layer === "techniques") {
      var swatch = element("span", "swatch");
      swatch.style.background = data.colors[item.group];
      heading.appendChild(swatch);
    }
    heading.appendChild(element("span", "", item.title));
    node.appendChild(heading);
    if (item.text) { node.appendChild(element("blockquote", "", item.text)); }
    var rows = element("dl");
    item.rows.forEach(function (row) {
      rows.appendChild(element("dt", "", row[0]));
      rows.appendChild(element("dd", "", row[1]));
    });
    node.appendChild(rows);
    return node;
  }

  function focus(keys) {
    article.querySelectorAll(".focus").forEach(function (segment) { segment.classList.remove("focus"); });
    keys.forEach(function (key) {
      (segmentsOf[key] || []).forEach(function (segment) { segment.classList.add("focus"); });
    });
  }

  function showDetails(keys) {
    var known = keys.filter(function (key) { return data.items[key]; });
    if (!details || !known.length) { return; }
    details.replaceChildren.apply(details, known.map(card));
    focus(known);
  }

  function segmentsIn(start, end) {
    var inside = segments.filter(function (s) { return +s.dataset.start >= start && +s.dataset.end <= end; });
    return inside.length ? inside : segments.filter(function (s) { return +s.dataset.start < end && +s.dataset.end > start; });
  }

  function jump(target) {
    var range = target.getAttribute("data-jump").split(" ").map(Number);
    var found = segmentsIn(range[0], range[1]);
    if (target.hasAttribute("data-item")) { showDetails([target.getAttribute("data-item")]); }
    if (!found.length) { return; }
    var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    found[0].scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    found.forEach(function (segment) {
      segment.classList.remove("flash");
      void segment.offsetWidth;  // restart the animation when the same span is flashed twice
      segment.classList.add("flash");
      window.setTimeout(function () { segment.classList.remove("flash"); }, 2000);
    });
  }

  article.addEventListener("click", function (event) {
    var segment = event.target.closest ? event.target.closest("[data-items]") : null;
    if (!segment || !article.contains(segment)) { return; }
    var on = enabled();
    var shown = segment.itemKeys.filter(function (key) { return isShown(data.items[key], on); });
    showDetails(shown.length ? shown : segment.itemKeys);
    if (sidebar) { sidebar.scrollTo({ top: 0 }); }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-jump]") : null;
    if (target) { event.preventDefault(); jump(target); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.matches && target.matches("[data-jump]:not(button)")) {
      event.preventDefault();
      jump(target);
    }
  });
  toggles.forEach(function (input) { input.addEventListener("change", restyle); });

  var toolbar = document.querySelector(".toolbar");
  if (toolbar) { document.documentElement.style.setProperty("--toolbar-h", toolbar.offsetHeight + "px"); }
  restyle();
}());
