/*
 * The plan editor (templates/plans/plan_form.html) and the create page, made quicker to use.
 *
 * Everything here is an improvement over a page that already works without it:
 * - "Thêm dòng" adds a blank row in place (from the formset's empty form) instead of reloading;
 * - "Lên"/"Xuống" move a row and renumber the rows (and the selects that refer to them);
 * - "Xoá" ticks the row's "Xoá dòng này" box and folds the row away, with "Hoàn tác";
 * - long selects of organisations and plans get a search box that ignores diacritics;
 * - participants per class and the budget are totalled as the drafter types;
 * - an activity shows only the date fields of its kind of period, a group only its kind's fields.
 * Plain ES5 and DOM calls, no library: the page must run on old office PCs.
 */
(function () {
  "use strict";

  var REF_LABELS = { sections: "Mục số", waves: "Đợt số", sessions: "Lớp số", groups: "Nhóm số" };
  var REF_TEXT_FIELDS = {
    sections: ["heading"],
    waves: ["name"],
    sessions: ["name"],
    groups: ["description", "full_name"]
  };
  var PERIOD_FIELDS = {
    quarter: ["quarter"],
    month: ["month"],
    date: ["start_date"],
    range: ["start_date", "end_date"]
  };
  var ALL_PERIOD_FIELDS = ["quarter", "month", "start_date", "end_date"];
  var GROUP_FIELDS = {
    named: ["honorific", "full_name", "position"],
    fixed: ["description", "count", "noun"],
    per_unit: ["description", "count", "noun", "units"],
    per_unit_type: ["description", "count", "noun", "unit_count"]
  };
  var ALL_GROUP_FIELDS = ["honorific", "full_name", "position", "description", "count", "noun", "units", "unit_count"];

  function each(list, callback) {
    Array.prototype.forEach.call(list, callback);
  }

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  /* "Kế hoạch Tập huấn" -> "ke hoach tap huan", like common.text.fold on the server. */
  function fold(text) {
    var value = String(text || "").replace(/[đĐ]/g, "d");
    if (value.normalize) {
      value = value.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    return value.toLowerCase().replace(/\s+/g, " ").trim();
  }

  function rowPrefix(row) {
    return row.id.replace(/^row-/, "");
  }

  function fieldOf(row, name) {
    return row.querySelector('[name="' + rowPrefix(row) + "-" + name + '"]');
  }

  function valueOf(row, name) {
    var field = fieldOf(row, name);
    return field ? field.value : "";
  }

  function wrapperOf(row, name) {
    return row.querySelector('.row-fields [data-field="' + name + '"]');
  }

  function isDeleted(row) {
    var box = fieldOf(row, "DELETE");
    return !!(box && box.checked);
  }

  function rowsOf(container) {
    return toArray(container.querySelectorAll("[data-rows] > [data-row]"));
  }

  function liveRows(container) {
    return rowsOf(container).filter(function (row) { return !isDeleted(row); });
  }

  function formset(name) {
    return document.querySelector('[data-formset="' + name + '"]');
  }

  /* Whole numbers and amounts as Vietnamese type them: "1.500.000", "1 500 000", "2,5". */
  function parseNumber(text) {
    var value = String(text || "").replace(/[\s\u00a0]/g, "");
    if (/^-?\d{1,3}(\.\d{3})+$/.test(value)) {
      value = value.replace(/\./g, "");
    }
    value = value.replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      return NaN;
    }
    return parseFloat(value);
  }

  function formatVnd(amount) {
    return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đồng";
  }

  /* -- rows ----------------------------------------------------------------------- */
  function updateTitles(container) {
    var legend = container.getAttribute("data-legend");
    var ordered = container.hasAttribute("data-ordered");
    each(rowsOf(container), function (row) {
      var title = row.querySelector("[data-row-title]");
      var ordinal = fieldOf(row, "ordinal");
      if (title) {
        title.textContent = legend + (ordered && ordinal && ordinal.value ? " " + ordinal.value : "");
      }
    });
  }

  /* Number the live rows 1, 2, 3… in page order (rows marked for deletion after them); selects
   * that name a row follow its new number, so a reference to a deleted row stays one. */
  function renumber(container) {
    if (!container.hasAttribute("data-ordered")) {
      return;
    }
    var mapping = {};
    var deleted = rowsOf(container).filter(isDeleted);
    each(liveRows(container).concat(deleted), function (row, index) {
      var ordinal = fieldOf(row, "ordinal");
      if (!ordinal) {
        return;
      }
      if (ordinal.value !== "" && !(ordinal.value in mapping)) {
        mapping[ordinal.value] = String(index + 1);
      }
      ordinal.value = String(index + 1);
    });
    var name = container.getAttribute("data-formset");
    each(document.querySelectorAll('select[data-ref="' + name + '"]'), function (select) {
      if (select.value in mapping) {
        var wanted = mapping[select.value];
        ensureOption(select, wanted);
        select.value = wanted;
      }
    });
    updateTitles(container);
  }

  function ensureOption(select, value) {
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === value) {
        return;
      }
    }
    var option = document.createElement("option");
    option.value = value;
    option.textContent = value;
    select.appendChild(option);
  }

  function move(container, row, step) {
    var rows = liveRows(container);
    var index = rows.indexOf(row);
    var other = rows[index + step];
    if (!other) {
      return;
    }
    if (step < 0) {
      other.parentNode.insertBefore(row, other);
    } else {
      other.parentNode.insertBefore(other, row);
    }
    renumber(container);
    refresh();
  }

  function setDeleted(container, row, deleted) {
    var box = fieldOf(row, "DELETE");
    if (box) {
      box.checked = deleted;
    }
    row.className = row.className.replace(/\s*is-deleted/g, "") + (deleted ? " is-deleted" : "");
    var note = row.querySelector("[data-deleted-note]");
    if (note) {
      note.hidden = !deleted;
    }
    refresh();
  }

  function button(text, title, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button small";
    element.textContent = text;
    if (title) {
      element.title = title;
    }
    element.addEventListener("click", onClick);
    return element;
  }

  function setupRow(container, row) {
    if (row.getAttribute("data-ready")) {
      return;
    }
    row.setAttribute("data-ready", "true");
    var tools = row.querySelector("[data-row-tools]");
    var legend = row.querySelector("[data-row-title]");
    var title = function () { return legend ? legend.textContent : ""; };
    var buttons = document.createElement("div");
    buttons.className = "row-buttons";
    if (container.hasAttribute("data-ordered")) {
      buttons.appendChild(button("↑ Lên", "Chuyển dòng này lên trên", function () {
        move(container, row, -1);
        this.focus(); /* the row moved in the page; the drafter's place stays on its button */
      }));
      buttons.appendChild(button("↓ Xuống", "Chuyển dòng này xuống dưới", function () {
        move(container, row, 1);
        this.focus();
      }));
    }
    buttons.appendChild(button("Xoá", "Xoá dòng này khi lưu", function () {
      setDeleted(container, row, true);
      var undo = row.querySelector("[data-deleted-note] button");
      if (undo) {
        undo.focus();
      }
    }));
    var box = fieldOf(row, "DELETE");
    if (box) {
      var wrapper = box.parentNode;
      wrapper.className += " js-hidden";
    }
    if (tools) {
      tools.appendChild(buttons);
    }
    var note = document.createElement("p");
    note.className = "deleted-note";
    note.setAttribute("data-deleted-note", "true");
    note.hidden = true;
    note.appendChild(document.createTextNode("Dòng này sẽ bị xoá khi lưu kế hoạch. "));
    note.appendChild(button("Hoàn tác", "", function () {
      setDeleted(container, row, false);
      if (title()) {
        row.querySelector(".row-buttons button").focus();
      }
    }));
    row.insertBefore(note, row.querySelector(".row-tools"));
    if (isDeleted(row)) {
      setDeleted(container, row, true);
    }
    setupSearch(row);
    setupUnitPickers(row);
    var parent = fieldOf(row, "parent_number");
    if (parent) {
      parent.addEventListener("change", function () {
        row.className = row.className.replace(/\s*is-child/g, "") + (parent.value ? " is-child" : "");
      });
    }
    if (fieldOf(row, "period_kind")) {
      fieldOf(row, "period_kind").addEventListener("change", function () { showPeriodFields(row); });
      showPeriodFields(row);
    }
    if (fieldOf(row, "kind") && container.getAttribute("data-formset") === "groups") {
      fieldOf(row, "kind").addEventListener("change", function () { showGroupFields(row); });
      showGroupFields(row);
    }
    if (container.getAttribute("data-formset") === "budget_lines") {
      var amount = document.createElement("p");
      amount.className = "amount";
      amount.setAttribute("data-amount", "true");
      amount.setAttribute("aria-live", "polite");
      row.querySelector(".row-fields").appendChild(amount);
    }
  }

  function showOnly(row, all, shown) {
    each(all, function (name) {
      var wrapper = wrapperOf(row, name);
      if (wrapper) {
        var hide = shown && shown.indexOf(name) < 0;
        wrapper.className = wrapper.className.replace(/\s*is-hidden/g, "") + (hide ? " is-hidden" : "");
      }
    });
  }

  function showPeriodFields(row) {
    showOnly(row, ALL_PERIOD_FIELDS, PERIOD_FIELDS[valueOf(row, "period_kind")]);
  }

  function showGroupFields(row) {
    showOnly(row, ALL_GROUP_FIELDS, GROUP_FIELDS[valueOf(row, "kind")]);
  }

  /* The blank rows' templates, fetched once the page has loaded (the page itself stays light). */
  var emptyRows = null;

  function loadEmptyRows(form) {
    var url = form.getAttribute("data-empty-rows-url");
    if (!url || !window.fetch) {
      return;
    }
    emptyRows = fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var box = document.createElement("div");
        box.innerHTML = html;
        each(box.querySelectorAll("template[data-empty-row-for]"), function (fetched) {
          var part = document.getElementById("part-" + fetched.getAttribute("data-empty-row-for"));
          var template = part && part.querySelector("template[data-empty-row]");
          if (template && !template.innerHTML.trim()) {
            template.innerHTML = fetched.innerHTML;
          }
        });
        /* A part with no rows comes without its blank row (the page stays light): added here. */
        each(document.querySelectorAll("[data-formset][data-blank-row-later]"), function (container) {
          if (!rowsOf(container).length) {
            addRow(container, null, true);
          }
        });
      });
  }

  function addRow(container, button, quiet) {
    var name = container.getAttribute("data-formset");
    var total = container.querySelector('[name="' + name + '-TOTAL_FORMS"]');
    var template = container.querySelector("template[data-empty-row]");
    if (!total || !template) {
      return false;
    }
    if (!template.innerHTML.trim()) {
      if (!emptyRows) {
        return false;
      }
      /* Not fetched yet: the row is added once it is, or the page adds it (without the script). */
      emptyRows.then(function () {
        if (template.innerHTML.trim()) {
          addRow(container, button);
        } else if (button && button.form) {
          button.form.requestSubmit(button);
        }
      }, function () {
        if (button && button.form) {
          button.form.requestSubmit(button);
        }
      });
      return true;
    }
    var index = parseInt(total.value, 10) || 0;
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
    var row = holder.querySelector("[data-row]");
    container.querySelector("[data-rows]").appendChild(row);
    total.value = String(index + 1);
    var ordinal = fieldOf(row, "ordinal");
    if (ordinal) {
      ordinal.value = String(liveRows(container).length);
    }
    setupRow(container, row);
    renumber(container);
    refresh();
    var first = row.querySelector(".row-fields input, .row-fields textarea, .row-fields select");
    if (first && !quiet) {
      first.focus();
    }
    return true;
  }

  /* -- selects that refer to other rows ---------------------------------------------- */
  function refLabel(name, row) {
    var text = "";
    each(REF_TEXT_FIELDS[name] || [], function (field) {
      if (!text) {
        text = valueOf(row, field).replace(/\s+/g, " ").trim();
      }
    });
    if (text.length > 70) {
      text = text.slice(0, 69) + "…";
    }
    return REF_LABELS[name] + " " + valueOf(row, "ordinal") + ": " + (text || "(chưa có tên)");
  }

  function refreshRefs(name) {
    var container = formset(name);
    if (!container) {
      return;
    }
    var options = liveRows(container).filter(function (row) {
      return valueOf(row, "ordinal") !== "";
    }).map(function (row) {
      return { value: valueOf(row, "ordinal"), label: refLabel(name, row) };
    });
    each(document.querySelectorAll('[data-rows] select[data-ref="' + name + '"]'), function (select) {
      var current = select.value;
      var empty = select.options.length ? select.options[0].textContent : "";
      while (select.options.length) {
        select.remove(0);
      }
      select.appendChild(new Option(empty, ""));
      var found = current === "";
      each(options, function (item) {
        select.appendChild(new Option(item.label, item.value));
        found = found || item.value === current;
      });
      if (!found) {
        select.appendChild(new Option(REF_LABELS[name] + " " + current + " (không có trong danh sách)", current));
      }
      select.value = current;
    });
  }

  /* -- search in long selects ------------------------------------------------------------- */
  function setupSearch(scope) {
    each(scope.querySelectorAll("select[data-searchable]"), function (select) {
      var picker = select.getAttribute("data-picker");
      if (select.getAttribute("data-search-ready") || closestTemplate(select) ||
          (!picker && select.options.length <= 15)) {
        return;
      }
      /* The search as one types stands in for the search box and button made for no JavaScript. */
      var fallback = select.parentNode.querySelector("[data-picker-search]");
      if (fallback) {
        fallback.parentNode.removeChild(fallback);
      }
      select.setAttribute("data-search-ready", "true");
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = document.createElement("input");
      box.type = "search";
      box.className = "select-search";
      box.placeholder = "Gõ để lọc danh sách (có dấu hoặc không dấu)";
      box.setAttribute("aria-label", "Lọc danh sách: " + (label ? label.textContent : ""));
      box.setAttribute("aria-controls", select.id);
      var url = picker && select.form && select.form.getAttribute("data-pick-url");
      var timer = null;
      box.addEventListener("input", function () {
        filterOptions(select, box.value);
        if (url && fold(box.value).length >= 2) {
          window.clearTimeout(timer);
          timer = window.setTimeout(function () { searchServer(select, box, url, picker); }, 250);
        }
      });
      box.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault(); /* Enter filters; it does not submit the form */
        }
      });
      select.parentNode.insertBefore(box, select);
    });
  }

  /* Bodies or plans the server finds for what is typed, added to the list (then filtered as typed). */
  function searchServer(select, box, url, source) {
    if (!window.fetch) {
      return;
    }
    var query = box.value;
    var address = url + (url.indexOf("?") >= 0 ? "&" : "?") + "source=" + encodeURIComponent(source) +
      "&q=" + encodeURIComponent(query);
    fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        if (box.value !== query) {
          return; /* typed on since: a newer search follows */
        }
        var known = {};
        each(select.options, function (option) { known[option.value] = true; });
        each(data.results || [], function (item) {
          if (!known[item.value]) {
            var option = document.createElement("option");
            option.value = item.value;
            option.textContent = item.label;
            select.appendChild(option);
          }
        });
        filterOptions(select, box.value);
      })
      .catch(function () { /* the suggestions stay; the form still works */ });
  }

  /* -- several units: chips and a search as one types ---------------------------------------- */
  /* The server writes ticked boxes (the chosen units), boxes to tick (suggestions) and a search
     field with a button. Here the chosen units become chips, each removed by its own button, and
     the search field lists, as one types, the suggestions and then what the server finds. */
  function setupUnitPickers(scope) {
    each(scope.querySelectorAll("[data-unit-picker]"), function (picker) {
      if (picker.getAttribute("data-ready") || closestTemplate(picker)) {
        return;
      }
      picker.setAttribute("data-ready", "true");
      var name = picker.getAttribute("data-name");
      var source = picker.getAttribute("data-unit-picker");
      var chosen = picker.querySelector("[data-chosen]");
      var input = picker.querySelector("[data-picker-search] input[type=search]");
      var form = picker.closest("form");
      var url = form && form.getAttribute("data-pick-url");
      var suggested = [];
      each(picker.querySelectorAll("[data-suggested] input"), function (box) {
        suggested.push({ value: box.value, label: box.parentNode.textContent.trim() });
      });
      each(picker.querySelectorAll("[data-suggested], [data-suggested-title], [data-picker-button]"),
        function (node) { node.parentNode.removeChild(node); });
      each(toArray(chosen.querySelectorAll("input")), function (box) {
        var item = box.closest("li");
        var label = item.textContent.trim();
        item.parentNode.removeChild(item);
        if (box.checked) {
          addChip(box.value, label);
        }
      });
      var list = document.createElement("ul");
      list.className = "unit-options";
      list.id = input.id + "_options";
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", "Đơn vị tìm được");
      list.hidden = true;
      input.parentNode.appendChild(list);
      input.removeAttribute("name"); /* the search as one types replaces the button's search */
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", list.id);
      input.placeholder = "Gõ tên đơn vị để tìm và chọn (có dấu hoặc không dấu)";
      var found = [];
      var active = -1;
      var timer = null;

      function values() {
        return toArray(chosen.querySelectorAll("input")).map(function (field) { return field.value; });
      }

      function addChip(value, label) {
        var item = document.createElement("li");
        item.className = "chip";
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name;
        hidden.value = value;
        var text = document.createElement("span");
        text.textContent = label;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip-remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Bỏ chọn: " + label);
        remove.addEventListener("click", function () {
          item.parentNode.removeChild(item);
          input.focus();
          changed();
        });
        item.appendChild(hidden);
        item.appendChild(text);
        item.appendChild(remove);
        chosen.appendChild(item);
      }

      function changed() {
        var event = document.createEvent("Event");
        event.initEvent("change", true, true);
        picker.dispatchEvent(event);
      }

      function show(items) {
        var taken = values();
        found = items.filter(function (item) { return taken.indexOf(item.value) < 0; });
        list.innerHTML = "";
        active = -1;
        each(found, function (item, index) {
          var option = document.createElement("li");
          option.id = list.id + "_" + index;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.setAttribute("data-value", item.value);
          option.textContent = item.label;
          option.addEventListener("mousedown", function (event) {
            event.preventDefault(); /* the search field keeps the focus */
            choose(index);
          });
          list.appendChild(option);
        });
        if (!found.length && input.value.trim()) {
          var none = document.createElement("li");
          none.className = "unit-none";
          none.textContent = "Không tìm thấy đơn vị nào.";
          list.appendChild(none);
        }
        list.hidden = !list.childNodes.length;
        input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
        input.removeAttribute("aria-activedescendant");
      }

      function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
      }

      function mark(index) {
        each(list.querySelectorAll("[role=option]"), function (option, at) {
          option.setAttribute("aria-selected", at === index ? "true" : "false");
        });
        active = index;
        if (index >= 0) {
          input.setAttribute("aria-activedescendant", list.id + "_" + index);
          list.childNodes[index].scrollIntoView({ block: "nearest" });
        }
      }

      function choose(index) {
        var item = found[index];
        if (!item) {
          return;
        }
        addChip(item.value, item.label);
        input.value = "";
        show(suggested);
        changed();
      }

      function search() {
        var query = input.value;
        var words = fold(query).split(" ").filter(Boolean);
        var local = suggested.filter(function (item) {
          var text = fold(item.label);
          return words.every(function (word) { return text.indexOf(word) >= 0; });
        });
        show(local);
        if (!url || !window.fetch || fold(query).length < 2) {
          return;
        }
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          var address = url + (url.indexOf("?") >= 0 ? "&" : "?") + "source=" + encodeURIComponent(source) +
            "&q=" + encodeURIComponent(query);
          fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : { results: [] }; })
            .then(function (data) {
              if (input.value !== query) {
                return; /* typed on since: a newer search follows */
              }
              var seen = {};
              var items = local.concat(data.results || []).filter(function (item) {
                var fresh = !seen[item.value];
                seen[item.value] = true;
                return fresh;
              });
              show(items);
            })
            .catch(function () { /* the suggestions stay */ });
        }, 250);
      }

      input.addEventListener("input", search);
      input.addEventListener("focus", function () { if (!input.value) { show(suggested); } });
      input.addEventListener("blur", close);
      input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          if (list.hidden) {
            search();
          }
          var step = event.key === "ArrowDown" ? 1 : -1;
          mark(Math.max(0, Math.min(found.length - 1, active + step)));
        } else if (event.key === "Enter") {
          event.preventDefault(); /* Enter chooses; it does not submit the form */
          if (active >= 0) {
            choose(active);
          }
        } else if (event.key === "Escape") {
          close();
        }
      });
    });
  }

  function closestTemplate(element) {
    var node = element.parentNode;
    while (node) {
      if (node.nodeName === "TEMPLATE") {
        return node;
      }
      node = node.parentNode;
    }
    return null;
  }

  function filterOptions(select, query) {
    var words = fold(query).split(" ").filter(Boolean);
    each(select.querySelectorAll("option"), function (option) {
      if (!option.getAttribute("data-fold")) {
        option.setAttribute("data-fold", fold(option.textContent));
      }
      var text = option.getAttribute("data-fold");
      var match = option.value === "" || words.every(function (word) { return text.indexOf(word) >= 0; });
      option.hidden = !(match || option.selected);
      option.disabled = false;
    });
  }

  /* -- totals ---------------------------------------------------------------------------- */
  function groupTotal(row) {
    var kind = valueOf(row, "kind");
    var count = parseNumber(valueOf(row, "count"));
    if (kind === "named") {
      return valueOf(row, "full_name").trim() ? 1 : 0;
    }
    if (!kind || isNaN(count)) {
      return kind ? null : 0;
    }
    if (kind === "fixed") {
      return count;
    }
    if (kind === "per_unit") {
      return count * chosenUnits(row, "units");
    }
    var unitCount = parseNumber(valueOf(row, "unit_count"));
    return isNaN(unitCount) ? null : count * unitCount;
  }

  /* The units chosen in a unit picker: chips (hidden fields) or ticked boxes without the script. */
  function chosenUnits(row, name) {
    return toArray(row.querySelectorAll('[name="' + rowPrefix(row) + "-" + name + '"]')).filter(function (field) {
      return field.type === "hidden" || field.checked;
    }).length;
  }

  function add(sum, value) {
    return sum === null || value === null ? null : sum + value;
  }

  function participantText(total) {
    return total === null ? "chưa tính được (thiếu số người hoặc số đơn vị)" : total + " người";
  }

  function refreshParticipants() {
    var list = document.querySelector("[data-participant-totals]");
    var groups = formset("groups");
    var sessions = formset("sessions");
    if (!list || !groups) {
      return;
    }
    var byClass = {};
    var loose = 0;
    var looseCount = 0;
    each(liveRows(groups), function (row) {
      var typed = ["count", "description", "full_name", "unit_count"].some(function (name) {
        return valueOf(row, name).trim() !== "";
      });
      if (!valueOf(row, "kind") || !typed) {
        return; /* a blank row counts nobody */
      }
      var total = groupTotal(row);
      var session = valueOf(row, "session_number");
      if (session) {
        byClass[session] = add(byClass[session] === undefined ? 0 : byClass[session], total);
      } else {
        loose = add(loose, total);
        looseCount += 1;
      }
    });
    var lines = [];
    if (sessions) {
      each(liveRows(sessions), function (row) {
        var number = valueOf(row, "ordinal");
        var name = valueOf(row, "name").trim();
        if (!name && !(number in byClass)) {
          return;
        }
        var total = number in byClass ? byClass[number] : 0;
        lines.push((name || "Lớp số " + number) + ": " + participantText(total));
      });
    }
    if (looseCount) {
      lines.push((lines.length ? "Không thuộc lớp nào: " : "Tổng số: ") + participantText(loose));
    }
    if (!lines.length) {
      lines.push("Chưa có thành phần nào.");
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    each(lines, function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
  }

  function refreshBudget() {
    var lines = formset("budget_lines");
    var output = document.querySelector("[data-budget-total] strong");
    if (!lines || !output) {
      return;
    }
    var sum = 0;
    each(rowsOf(lines), function (row) {
      var amountLine = row.querySelector("[data-amount]");
      var quantity = parseNumber(valueOf(row, "quantity"));
      var price = parseNumber(valueOf(row, "unit_price"));
      var amount = isNaN(quantity) || isNaN(price) ? null : Math.round(quantity * price);
      if (amountLine) {
        amountLine.textContent = amount === null ? "" : "Thành tiền: " + formatVnd(amount);
      }
      if (amount !== null && !isDeleted(row)) {
        sum += amount;
      }
    });
    output.textContent = formatVnd(sum);
  }

  var refreshQueued = false;

  function refresh() {
    if (refreshQueued) {
      return;
    }
    refreshQueued = true;
    window.setTimeout(function () {
      refreshQueued = false;
      each(Object.keys(REF_LABELS), refreshRefs);
      refreshParticipants();
      refreshBudget();
      refreshCounts();
    }, 0);
  }

  /* -- parts: row counts, opening a folded part ---------------------------------------------- */
  function hasContent(row) {
    var saved = row.querySelector('input[type="hidden"][name$="-id"]');
    if (saved && saved.value) {
      return true;
    }
    return toArray(row.querySelectorAll(".row-fields input[type=text], .row-fields textarea")).some(function (field) {
      return field.value.trim() !== "" && field.defaultValue !== field.value;
    });
  }

  function refreshCounts() {
    each(document.querySelectorAll("[data-formset]"), function (container) {
      var name = container.getAttribute("data-formset");
      var count = liveRows(container).filter(hasContent).length;
      each(document.querySelectorAll('[data-part-count="' + name + '"]'), function (badge) {
        badge.firstChild.nodeValue = String(count);
      });
    });
  }

  /* Open the folded parts around an element, then bring it into view (and focus it). */
  function reveal(element, focus) {
    var node = element;
    while (node) {
      if (node.nodeName === "DETAILS") {
        node.open = true;
      }
      node = node.parentNode;
    }
    if (focus && element.focus) {
      element.focus();
    }
    element.scrollIntoView({ block: "center" });
  }

  function revealHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) {
      reveal(target, false);
    }
  }

  /* -- long parts, loaded when opened ---------------------------------------------------------- */
  function loadPart(holder, focus) {
    if (holder.getAttribute("data-loading") || !window.fetch) {
      return;
    }
    holder.setAttribute("data-loading", "true");
    var details = holder.parentNode;
    fetch(holder.getAttribute("data-lazy-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) {
          holder.removeAttribute("data-loading");
          return;
        }
        var box = document.createElement("div");
        box.innerHTML = html;
        var fresh = box.querySelector("details[data-part-details]");
        fresh.open = true;
        details.parentNode.replaceChild(fresh, details);
        var container = fresh.querySelector("[data-formset]");
        each(rowsOf(container), function (row) { setupRow(container, row); });
        updateTitles(container);
        setupSearch(fresh);
        setupUnitPickers(fresh);
        refresh();
        if (focus) {
          var first = fresh.querySelector(".row-fields input, .row-fields textarea, .row-fields select");
          if (first) {
            first.focus();
          }
        }
      })
      .catch(function () { holder.removeAttribute("data-loading"); });
  }

  function setupLazyParts() {
    each(document.querySelectorAll("[data-lazy-part]"), function (holder) {
      var details = holder.parentNode;
      details.addEventListener("toggle", function () {
        if (details.open) {
          loadPart(holder, false);
        }
      });
      var link = holder.querySelector("a, [data-lazy-open]");
      if (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          loadPart(holder, true);
        });
      }
      if (details.open) {
        loadPart(holder, false);
      }
    });
  }

  /* -- the printed page beside the form ------------------------------------------------------- */
  /* Where a click on the printed page leads when no field's text is found in what was clicked. */
  var PREVIEW_TARGETS = [
    [".basis", "part-legal_bases-details"],
    ["table.activities", "part-activities-details"],
    ["table.budget", "s-budget"],
    [".signature, .sign-space", "s-signature"],
    [".recipients, .recipients-heading, .recipient, .nd30-footer", "part-recipients-details"],
    [".nd30-header, .doc-type, .subject", "plan-fields"],
    ["article", "part-sections-details"]
  ];

  function squash(text) {
    return String(text || "").replace(/\s+/g, " ").trim();
  }

  /* The form's field whose text is the longest found in the clicked piece of the document. */
  function fieldShowing(form, text) {
    var best = null;
    var bestLength = 0;
    each(form.querySelectorAll("textarea, input[type=text]"), function (field) {
      var value = squash(field.value);
      var probe = value.length > 60 ? value.slice(0, 60) : value;
      if (probe.length >= 4 && probe.length > bestLength && text.indexOf(probe) >= 0) {
        best = field;
        bestLength = probe.length;
      }
    });
    return best;
  }

  function previewClicked(form, event) {
    var element = event.target;
    if (!element || !element.closest) {
      return;
    }
    var block = element.closest("p, li, td, th, h1, h2, h3, h4, tr, .signature") || element;
    var field = fieldShowing(form, squash(block.textContent));
    if (field) {
      reveal(field, true);
      return;
    }
    for (var index = 0; index < PREVIEW_TARGETS.length; index += 1) {
      if (element.closest(PREVIEW_TARGETS[index][0])) {
        var target = document.getElementById(PREVIEW_TARGETS[index][1]);
        if (target) {
          reveal(target, false);
          var first = target.querySelector("input:not([type=hidden]), textarea, select, summary");
          if (first) {
            first.focus();
          }
        }
        return;
      }
    }
  }

  function setupPreview(form) {
    var frame = document.querySelector("iframe[data-preview]");
    var status = document.querySelector("[data-preview-status]");
    if (!frame || !window.fetch || !window.FormData || !window.DOMParser) {
      return null;
    }
    var url = frame.getAttribute("data-preview-url");
    var timer = null;
    var running = false;
    var again = false;
    var bind = function () {
      var doc = frame.contentDocument;
      if (doc && doc.body && !doc.body.getAttribute("data-clicks")) {
        doc.body.setAttribute("data-clicks", "true");
        doc.body.title = "Bấm vào một phần để đến chỗ sửa";
        doc.addEventListener("click", function (event) { previewClicked(form, event); });
      }
    };
    frame.addEventListener("load", bind);
    bind();
    var say = function (text, stale) {
      status.textContent = text;
      status.className = "preview-status" + (stale ? " is-stale" : "");
    };
    var show = function (html) {
      var doc = frame.contentDocument;
      var fresh = new DOMParser().parseFromString(html, "text/html");
      if (!doc || !doc.body) {
        frame.srcdoc = html;
        return;
      }
      var top = frame.contentWindow.scrollY;
      doc.body.parentNode.replaceChild(doc.importNode(fresh.body, true), doc.body);
      frame.contentWindow.scrollTo(0, top);
      bind();
    };
    var send = function () {
      if (running) {
        again = true;
        return;
      }
      running = true;
      say("Đang cập nhật bản in…", false);
      fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          return response.text().then(function (text) {
            if (response.ok) {
              show(text);
              say("Bản in theo nội dung đang nhập (chưa lưu). Bấm vào một phần để đến chỗ sửa.", false);
            } else if (response.status === 422) {
              say(text, true);
            } else {
              say("Chưa cập nhật được bản in; bản in sẽ theo nội dung khi lưu.", true);
            }
          });
        })
        .catch(function () { say("Chưa cập nhật được bản in (mất kết nối?).", true); })
        .then(function () {
          running = false;
          if (again) {
            again = false;
            send();
          }
        });
    };
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(send, 600);
    };
  }

  /* -- start ------------------------------------------------------------------------------ */
  function start() {
    setupSearch(document);
    setupUnitPickers(document);
    var form = document.getElementById("plan-form");
    if (!form) {
      return;
    }
    document.documentElement.className += " js";
    loadEmptyRows(form);
    each(document.querySelectorAll("[data-formset]"), function (container) {
      each(rowsOf(container), function (row) { setupRow(container, row); });
      updateTitles(container);
    });
    form.addEventListener("click", function (event) {
      var target = event.target && event.target.closest ? event.target.closest("button") : event.target;
      if (target && target.name === "add_row" && target.value) {
        var container = formset(target.value);
        if (container && addRow(container, target)) {
          event.preventDefault();
        }
      }
    });
    /* A page shown again after an error holds typed input that is not saved yet. */
    var dirty = !!document.querySelector("#error-summary, [data-unsaved]");
    var changed = function (event) {
      dirty = true;
      var target = event.target;
      if (target && target.name && /-ordinal$/.test(target.name)) {
        var row = document.getElementById("row-" + target.name.replace(/-ordinal$/, ""));
        var container = row && formset(row.getAttribute("data-part"));
        if (container) {
          updateTitles(container);
        }
      }
      refresh();
    };
    var previewLater = setupPreview(form) || function () {};
    var typed = function (event) {
      changed(event);
      previewLater();
    };
    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    /* Adding, moving or deleting a row changes the document as much as typing does. */
    form.addEventListener("click", function (event) {
      if (event.target && event.target.closest && event.target.closest("[data-row-tools], .add-row")) {
        previewLater();
      }
    });
    each(document.querySelectorAll('a[href^="#"]'), function (link) {
      link.addEventListener("click", function () {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          /* Going to a card unfolds its parts (the outline's links to single parts are hidden on
             narrower screens). */
          each(target.querySelectorAll("details[data-part-details]"), function (details) {
            details.open = true;
          });
          reveal(target, false);
        }
      });
    });
    setupLazyParts();
    window.addEventListener("hashchange", revealHash);
    revealHash();
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    refresh();
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
