(function () {
  "use strict";
  // The web app's script: language switch without reload, expand/collapse, drag and drop,
  // and judging with a progress bar (the answer streams progress lines, then the result).
  // Without it every page still works: links switch the language, forms post and answer
  // with a whole page.
  var body = document.body;
  function setLang(lang) {
    body.classList.remove("show-vi", "show-en");
    body.classList.add("show-" + lang);
    document.documentElement.lang = lang;
    var inputs = document.querySelectorAll("input[name=lang]");
    for (var i = 0; i < inputs.length; i++) { inputs[i].value = lang; }
    var sw = document.querySelectorAll("[data-lang]");
    for (var j = 0; j < sw.length; j++) {
      sw[j].setAttribute("aria-pressed", String(sw[j].dataset.lang === lang));
    }
    var links = document.querySelectorAll("a[data-keep-lang]");
    for (var k = 0; k < links.length; k++) {
      var u = new URL(links[k].href, location.href);
      u.searchParams.set("lang", lang);
      links[k].href = u.pathname + u.search + u.hash;
    }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest("[data-lang]");
    if (a) { e.preventDefault(); setLang(a.dataset.lang); return; }
    var x = e.target.closest("[data-expand]");
    if (x) {
      var all = document.querySelectorAll("main details");
      for (var i = 0; i < all.length; i++) { all[i].open = x.dataset.expand === "1"; }
    }
  });
  var tools = document.querySelectorAll("[data-expand]");
  for (var t = 0; t < tools.length; t++) { tools[t].hidden = false; }

  // Files chosen for the last run, kept so the column questions can be answered without
  // choosing the file again.
  var kept = null;
  function chosenText(zone, files) {
    var out = zone.querySelector(".chosen");
    if (!out) { return; }
    var names = [];
    for (var i = 0; i < files.length; i++) { names.push(files[i].name); }
    out.textContent = names.join(", ");
  }
  function wireZone(zone) {
    var input = zone.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (n) {
      zone.addEventListener(n, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (n) {
      zone.addEventListener(n, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        chosenText(zone, input.files);
      }
    });
    input.addEventListener("change", function () { chosenText(zone, input.files); });
  }
  var zones = document.querySelectorAll(".dropzone");
  for (var z = 0; z < zones.length; z++) { wireZone(zones[z]); }

  function phaseText(box, line) {
    var label = box.querySelector(".phase"), bar = box.querySelector("progress");
    label.textContent = line.label + (line.total ? " — " + line.done + " / " + line.total : "");
    if (line.total) { bar.max = line.total; bar.value = line.done; } else { bar.removeAttribute("value"); }
  }
  function show(target, html) {
    target.innerHTML = html;
    var q = target.querySelector("form[data-progress]");
    if (q) { wireForm(q); }
    var hide = target.querySelectorAll("[data-if-no-script]");
    for (var i = 0; i < hide.length; i++) { hide[i].hidden = true; }
    target.scrollIntoView({behavior: "instant", block: "start"});
  }
  function wireForm(form) {
    form.addEventListener("submit", function (e) {
      var submitter = e.submitter;
      // A button's formAction is the page's own address when it has no formaction attribute.
      var action = submitter && submitter.hasAttribute("formaction") ? submitter.formAction
        : form.action;
      var target = document.getElementById(form.dataset.target || "result");
      var box = document.getElementById(form.dataset.progress);
      var data = new FormData(form);
      var input = form.querySelector("input[type=file][name=data]");
      if (input && input.files.length) {
        kept = input.files;
      } else if (form.dataset.reuse && kept) {
        data.delete("data");
        for (var i = 0; i < kept.length; i++) { data.append("data", kept[i]); }
      }
      if (!window.fetch || !window.TextDecoder) { return; }
      e.preventDefault();
      box.hidden = false;
      target.innerHTML = "";
      phaseText(box, {label: box.dataset.working, done: 0, total: 0});
      fetch(action, {method: "POST", body: data, headers: {"X-Tdkt-Stream": "1"}})
        .then(function (resp) {
          var reader = resp.body.getReader(), dec = new TextDecoder(), buf = "";
          function pump() {
            return reader.read().then(function (r) {
              if (r.value) { buf += dec.decode(r.value, {stream: true}); }
              var lines = buf.split("\n");
              buf = r.done ? "" : lines.pop();
              for (var i = 0; i < lines.length; i++) {
                if (!lines[i]) { continue; }
                var msg = JSON.parse(lines[i]);
                if (msg.html !== undefined) { box.hidden = true; show(target, msg.html); }
                else { phaseText(box, msg); }
              }
              if (!r.done) { return pump(); }
            });
          }
          return pump();
        })
        .catch(function (err) {
          box.hidden = true;
          target.textContent = String(err);
        });
    });
  }
  var forms = document.querySelectorAll("form[data-progress]");
  for (var f = 0; f < forms.length; f++) { wireForm(forms[f]); }
  var m = /[?&]lang=(vi|en)/.exec(location.search);
  if (m) { setLang(m[1]); }
}());
