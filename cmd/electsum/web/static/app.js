// The page's only script: uploading with a progress bar per file, following a load, and sorting and
// filtering tables. Plain JavaScript (no framework, nothing downloaded) that runs in the browsers of the
// last five years; every text from files or the server is set with textContent, never as HTML.
"use strict";
(function () {
  var token = document.querySelector('meta[name="csrf-token"]').content;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function size(n) { return (n / 1048576).toFixed(n < 1048576 ? 2 : 1) + " MB"; }
  function post(url, body, type) {
    return fetch(url, { method: "POST", headers: { "X-CSRF-Token": token, "Content-Type": type || "application/x-www-form-urlencoded" }, body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { throw new Error(t); }); });
  }

  // ---- 数据导入: files, folders and zips, one request per file so that each has its own bar.
  var zone = document.getElementById("dropzone");
  if (zone) {
    var list = document.getElementById("upload-list"), tbody = list.querySelector("tbody");
    var runButton = document.getElementById("run-button"), runNote = document.getElementById("run-note");
    var batchID = null, queue = [], busy = false, uploaded = 0, failed = 0;

    var ensureBatch = function () {
      if (batchID) return Promise.resolve(batchID);
      return post("/import/batch", "").then(function (j) { batchID = j.id; return batchID; });
    };
    var addFiles = function (files) {
      files.forEach(function (f) {
        var tr = el("tr"), bar = el("div", "progress"), fill = el("div", "fill");
        bar.appendChild(fill);
        tr.appendChild(el("td", "", f.path));
        tr.appendChild(el("td", "n", size(f.file.size)));
        var tdBar = el("td"); tdBar.appendChild(bar); tr.appendChild(tdBar);
        var state = el("td", "", "等待上传");
        tr.appendChild(state);
        tbody.appendChild(tr);
        queue.push({ file: f.file, path: f.path, fill: fill, state: state });
      });
      list.hidden = false;
      runButton.disabled = true;
      next();
    };
    var next = function () {
      if (busy) return;
      var item = queue.shift();
      if (!item) {
        busy = false;
        runButton.disabled = uploaded === 0;
        runNote.textContent = uploaded + " 个文件已上传" + (failed ? "，" + failed + " 个未能上传" : "");
        return;
      }
      busy = true;
      ensureBatch().then(function (id) {
        var xhr = new XMLHttpRequest();
        xhr.open("POST", "/import/batch/" + id + "/file?name=" + encodeURIComponent(item.path));
        xhr.setRequestHeader("X-CSRF-Token", token);
        xhr.setRequestHeader("Content-Type", "application/octet-stream");
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable) item.fill.style.width = (100 * e.loaded / e.total).toFixed(0) + "%";
        };
        xhr.onload = function () {
          busy = false;
          if (xhr.status === 200) {
            var staged = JSON.parse(xhr.responseText).files, kept = 0, notes = [];
            staged.forEach(function (s) { if (s.ignored) notes.push(s.name + "：" + s.ignored); else kept++; });
            item.fill.style.width = "100%";
            item.fill.className = "fill ok";
            item.state.textContent = (staged.length > 1 ? "已上传，解压出 " + kept + " 个表格" : kept ? "已上传" : "已忽略") + (notes.length ? "（" + notes.join("；") + "）" : "");
            uploaded += kept;
          } else {
            item.fill.className = "fill bad";
            item.fill.style.width = "100%";
            item.state.textContent = xhr.responseText.trim();
            failed++;
          }
          next();
        };
        xhr.onerror = function () { busy = false; failed++; item.state.textContent = "上传失败，请检查程序是否还在运行"; next(); };
        xhr.send(item.file);
      }).catch(function (e) { busy = false; item.state.textContent = e.message; failed++; next(); });
    };

    // Folders dropped: walk them with the entries API (Chrome, Edge, 360, Firefox all have it).
    var walk = function (entry, prefix, out) {
      return new Promise(function (resolve) {
        if (entry.isFile) {
          entry.file(function (f) { out.push({ file: f, path: prefix + f.name }); resolve(); }, function () { resolve(); });
        } else if (entry.isDirectory) {
          var reader = entry.createReader(), all = [];
          var read = function () {
            reader.readEntries(function (es) {
              if (!es.length) {
                Promise.all(all.map(function (e) { return walk(e, prefix + entry.name + "/", out); })).then(resolve);
              } else { all = all.concat(Array.prototype.slice.call(es)); read(); }
            }, function () { resolve(); });
          };
          read();
        } else resolve();
      });
    };
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      var items = e.dataTransfer.items, out = [], walks = [];
      if (items && items.length && items[0].webkitGetAsEntry) {
        for (var i = 0; i < items.length; i++) {
          var en = items[i].webkitGetAsEntry();
          if (en) walks.push(walk(en, "", out));
        }
        Promise.all(walks).then(function () { addFiles(out); });
      } else {
        addFiles(Array.prototype.map.call(e.dataTransfer.files, function (f) { return { file: f, path: f.name }; }));
      }
    });
    var picked = function (input) {
      input.addEventListener("change", function () {
        addFiles(Array.prototype.map.call(input.files, function (f) { return { file: f, path: f.webkitRelativePath || f.name }; }));
        input.value = "";
      });
    };
    picked(document.getElementById("pick-files"));
    picked(document.getElementById("pick-folder"));

    document.getElementById("run-form").addEventListener("submit", function (e) {
      e.preventDefault();
      if (!batchID) return;
      runButton.disabled = true;
      var form = new URLSearchParams(new FormData(e.target)).toString();
      post("/import/batch/" + batchID + "/run", form).then(function () {
        window.location.href = "/import/batch/" + batchID;
      }).catch(function (err) { runNote.textContent = err.message; runButton.disabled = false; });
    });
  }

  // ---- 导入结果 while the load runs: poll, then show the result page.
  var running = document.getElementById("batch-running");
  if (running) {
    var id = running.getAttribute("data-batch"), fill = document.getElementById("batch-fill");
    var poll = function () {
      fetch("/import/batch/" + id + "/status", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (j) {
        if (j.state === "done") { window.location.reload(); return; }
        if (j.files_total) {
          fill.style.width = (100 * j.files_done / j.files_total).toFixed(0) + "%";
          running.textContent = "正在检查并导入：已读取 " + j.files_done + " / " + j.files_total + " 个文件，共 " + j.rows + " 行……";
        }
        setTimeout(poll, 400);
      }).catch(function () { setTimeout(poll, 1000); });
    };
    poll();
  }

  // ---- Sortable tables: click a header; numbers and cells (C12) sort by their data-key or value.
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var ths = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(ths, function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        Array.prototype.forEach.call(ths, function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var key = function (tr) {
          var td = tr.cells[col], k = td.getAttribute("data-key");
          var v = k !== null ? k : td.textContent.trim();
          return /^-?\d+(\.\d+)?%?$/.test(v) ? parseFloat(v) : v;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), c;
          if (typeof x === "number" && typeof y === "number") c = x - y;
          else c = String(x).localeCompare(String(y), "zh-CN");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  // ---- Filters above a table: free text over every cell, and a select on one column.
  Array.prototype.forEach.call(document.querySelectorAll(".filters"), function (box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    var text = box.querySelector(".filter-text"), sels = box.querySelectorAll(".filter-col"), count = box.querySelector(".filter-count");
    var apply = function () {
      var q = text ? text.value.trim().toLowerCase() : "", shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var ok = !q || rows[i].textContent.toLowerCase().indexOf(q) >= 0;
        Array.prototype.forEach.call(sels, function (s) {
          if (s.value && rows[i].cells[+s.getAttribute("data-col")].textContent.trim() !== s.value) ok = false;
        });
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = "显示 " + shown + " / " + rows.length + " 条";
    };
    if (text) text.addEventListener("input", apply);
    Array.prototype.forEach.call(sels, function (s) { s.addEventListener("change", apply); });
    apply();
  });

  // ---- Scope forms: changing year or county/township reloads the choices below it.
  Array.prototype.forEach.call(document.querySelectorAll("form.scope select[data-reload]"), function (s) {
    s.addEventListener("change", function () {
      var f = s.form;
      Array.prototype.forEach.call(f.querySelectorAll("[data-clear-on='" + s.name + "']"), function (c) { c.value = ""; });
      f.submit();
    });
  });

  // ---- Report settings: another blank item row.
  Array.prototype.forEach.call(document.querySelectorAll("button[data-add-row]"), function (b) {
    b.addEventListener("click", function () {
      var tbody = document.getElementById(b.getAttribute("data-add-row")), last = tbody.rows[tbody.rows.length - 1];
      var copy = last.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll("input,textarea"), function (i) { i.value = ""; });
      tbody.appendChild(copy);
    });
  });
})();
