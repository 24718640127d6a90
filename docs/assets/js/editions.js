/* Editions: a switcher on every page of an edition and, on a page that is not of the latest
 * edition, a banner linking to the same page in the latest one. Archived pages never change, so
 * what depends on later editions is read here, at view time, from the one shared editions.json.
 * Without JavaScript the page keeps its plain link to the editions index. */
(function () {
  "use strict";

  function pageUrl(root, edition, latest, path) {
    // The latest edition lives at the usual URLs; every edition also under editions/<year>/.
    return root + (edition.year === latest ? "" : "editions/" + edition.year + "/") + path;
  }

  function hasPage(edition, path) {
    var entity = /^(issues|projects)\/[^/]+\/$/.test(path);
    return !entity || edition.pages.indexOf(path) >= 0;
  }

  function target(root, edition, latest, path) {
    if (path === "changes/" && edition.isFirst) path = "";
    return pageUrl(root, edition, latest, hasPage(edition, path) ? path : "");
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = content;
    return el;
  }

  function banner(nav, root, data, current, path) {
    var latest = data.editions.filter(function (e) { return e.year === data.latest; })[0];
    var box = document.createElement("div");
    box.className = "dx-edition-banner";
    box.setAttribute("role", "note");
    box.appendChild(text("strong", "この版は最新ではありません。"));
    box.appendChild(document.createTextNode(
      "このページは" + current.label + "の版です（公開したときのまま残しています）。最新は" + latest.label + "の版です。"));
    var link = text("a", hasPage(latest, path) ? "最新の版の同じページを見る" : "最新の版を見る");
    link.href = target(root, latest, data.latest, path);
    box.appendChild(link);
    nav.parentNode.insertBefore(box, nav);
  }

  function switcher(nav, root, data, current, path) {
    if (data.editions.length < 2) return;
    var label = document.createElement("label");
    label.className = "dx-edition__switch";
    label.appendChild(text("span", "ほかの年度の版を見る："));
    var select = document.createElement("select");
    data.editions.forEach(function (e) {
      var option = text("option", e.label + (e.year === data.latest ? "（最新）" : "") + (e.draft ? "（下書き）" : ""));
      option.value = target(root, e, data.latest, path);
      option.selected = e.year === current.year;
      select.appendChild(option);
    });
    label.appendChild(select);
    var go = text("button", "表示");
    go.type = "button";
    go.className = "md-button dx-edition__go";
    // An explicit button: changing a select must not move the page by itself (WCAG 3.2.2).
    go.addEventListener("click", function () { window.location.href = select.value; });
    var others = nav.querySelector(".dx-edition__others");
    if (others) others.hidden = true;
    nav.appendChild(label);
    nav.appendChild(go);
  }

  function setUp() {
    var nav = document.querySelector(".dx-edition[data-editions]");
    if (!nav || nav.dataset.ready) return;
    nav.dataset.ready = "yes";
    var year = Number(nav.dataset.edition);
    var path = nav.dataset.path || "";
    // data-root: the site's root relative to this page, as MkDocs writes it ("." on the home page).
    var root = nav.dataset.root || ".";
    root = root === "." || root === "./" ? "" : root.replace(/\/?$/, "/");
    fetch(nav.dataset.editions).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || !data.editions) return;
      data.editions.forEach(function (e, i) { e.isFirst = i === data.editions.length - 1; });
      var current = data.editions.filter(function (e) { return e.year === year; })[0];
      if (!current) return;
      if (year !== data.latest) banner(nav, root, data, current, path);
      switcher(nav, root, data, current, path);
    }).catch(function () { /* the plain link to the editions index stays */ });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
