/* auditor HTML report: show a sentence's counterpart, sort tables, open linked sections.
   The script reads only the page's own markup (no data is embedded in it) and is the same for
   every report, so the page's Content-Security-Policy can allow exactly this script by hash. */
(function () {
  "use strict";

  var SENT = ".sent[data-counterpart]";
  // Below this width the texts stand one above the other (see report.css): a phone.
  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 700px)") : { matches: false };

  document.documentElement.classList.add("js");

  function viewOf(el) {
    return el.closest("[data-view]");
  }

  function clearView(view) {
    view.querySelectorAll(".sent.is-active, .sent.is-counterpart").forEach(function (s) {
      s.classList.remove("is-active", "is-counterpart");
      s.setAttribute("aria-pressed", "false");
      s.removeAttribute("aria-current");
    });
  }

  function activate(sent) {
    var view = viewOf(sent);
    var other = document.getElementById(sent.getAttribute("data-counterpart"));
    var pair = document.getElementById(sent.getAttribute("data-pair"));
    if (!view || !other || !pair) {
      return;
    }
    clearView(view);
    sent.classList.add("is-active");
    sent.setAttribute("aria-pressed", "true");
    other.classList.add("is-counterpart");
    other.setAttribute("aria-current", "true");
    var panel = view.querySelector(".panel");
    if (panel) {
      var title = pair.querySelector(".pair-head");
      var body = pair.querySelector(".pair-cols");
      panel.querySelector(".panel-title").replaceChildren(title.cloneNode(true));
      panel.querySelector(".panel-body").replaceChildren(body.cloneNode(true));
      var side = /-([ab])\d+$/.exec(sent.id);
      panel.setAttribute("data-self", side ? side[1] : "");
      panel.hidden = false;
    }
    if (NARROW.matches) {
      // One column: the counterpart is in the other text, far below; the panel shows it, and
      // the reader keeps their place. Only make sure the panel does not cover the sentence.
      keepAbove(sent, panel);
    } else if (other.scrollIntoView) {
      other.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  function keepAbove(sent, panel) {
    if (!panel || panel.hidden) {
      return;
    }
    var over = sent.getBoundingClientRect().bottom - panel.getBoundingClientRect().top;
    if (over > 0) {
      window.scrollBy(0, over + 8);
    }
  }

  function setFolded(key, folded) {
    key.classList.toggle("is-folded", folded);
    var button = key.querySelector(".key-toggle");
    if (button) {
      button.setAttribute("aria-expanded", folded ? "false" : "true");
    }
  }

  // The key folds to one line on a phone; its button opens and closes it anywhere.
  document.querySelectorAll(".legend.key").forEach(function (key) {
    setFolded(key, NARROW.matches);
  });

  function closePanel(view) {
    clearView(view);
    var panel = view.querySelector(".panel");
    if (panel) {
      panel.hidden = true;
    }
  }

  function peers(sent, on) {
    var other = document.getElementById(sent.getAttribute("data-counterpart"));
    if (other) {
      other.classList.toggle("is-peer", on);
    }
  }

  function openTo(id) {
    var target = id ? document.getElementById(id) : null;
    var d = target ? target.closest("details") : null;
    while (d) {
      d.open = true;
      d = d.parentElement ? d.parentElement.closest("details") : null;
    }
    return target;
  }

  function fromHash() {
    var id = "";
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (err) {
      return;
    }
    var target = openTo(id);
    if (target) {
      target.scrollIntoView();
    }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) {
      return;
    }
    var sent = t.closest(SENT);
    if (sent) {
      activate(sent);
      return;
    }
    var toggle = t.closest(".key-toggle");
    if (toggle) {
      var key = toggle.closest(".legend.key");
      setFolded(key, !key.classList.contains("is-folded"));
      return;
    }
    var close = t.closest(".panel .close");
    if (close) {
      closePanel(viewOf(close));
      return;
    }
    var link = t.closest('a[href^="#"]');
    if (link) {
      openTo(link.getAttribute("href").slice(1));
    }
  });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) {
      return;
    }
    if ((ev.key === "Enter" || ev.key === " ") && t.matches(SENT)) {
      ev.preventDefault();
      activate(t);
    } else if (ev.key === "Escape") {
      document.querySelectorAll("[data-view] .panel:not([hidden])").forEach(function (panel) {
        closePanel(viewOf(panel));
      });
    }
  });

  document.addEventListener("mouseover", function (ev) {
    var sent = ev.target instanceof Element ? ev.target.closest(SENT) : null;
    if (sent) {
      peers(sent, true);
    }
  });
  document.addEventListener("mouseout", function (ev) {
    var sent = ev.target instanceof Element ? ev.target.closest(SENT) : null;
    if (sent) {
      peers(sent, false);
    }
  });

  function sortKey(row, col, numeric) {
    var cell = row.cells[col];
    var raw = cell ? cell.getAttribute("data-sort") : null;
    if (raw === null && cell) {
      raw = cell.textContent.trim();
    }
    if (numeric) {
      var n = parseFloat(raw);
      return isNaN(n) ? -Infinity : n;
    }
    return (raw || "").toLowerCase();
  }

  function sortTable(table, th) {
    var col = Array.prototype.indexOf.call(th.parentElement.cells, th);
    var numeric = th.classList.contains("num");
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var ka = sortKey(a, col, numeric);
      var kb = sortKey(b, col, numeric);
      var c = ka < kb ? -1 : ka > kb ? 1 : 0;
      if (dir === "descending") {
        c = -c;
      }
      return c || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    rows.forEach(function (r) {
      body.appendChild(r);
    });
    var status = table.parentElement.querySelector(".sort-status");
    if (status) {
      status.textContent = "Sorted by " + th.textContent.trim() + ", " + dir + ".";
    }
  }

  document.querySelectorAll("table.sortable thead th button").forEach(function (button) {
    button.addEventListener("click", function () {
      sortTable(button.closest("table"), button.closest("th"));
    });
  });

  // A table wider than its box scrolls inside it: say so above it, and let the keyboard scroll it.
  function markScrollable() {
    document.querySelectorAll(".tablewrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("is-scrollable", wide);
      var cue = wrap.previousElementSibling;
      var hasCue = cue && cue.classList.contains("scroll-cue");
      if (wide && !hasCue) {
        cue = document.createElement("p");
        cue.className = "scroll-cue";
        cue.setAttribute("aria-hidden", "true");
        var table = wrap.querySelector("table");
        var columns = table && table.rows.length ? table.rows[0].cells.length : 0;
        cue.textContent = (columns ? columns + " columns: " : "") + "scroll sideways for the rest \u2192";
        wrap.parentNode.insertBefore(cue, wrap);
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var caption = table && table.caption ? table.caption.textContent : "Table";
        wrap.setAttribute("aria-label", caption.split(",")[0] + " (scrolls sideways)");
      } else if (!wide && hasCue) {
        cue.remove();
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  markScrollable();
  window.addEventListener("resize", markScrollable);
  document.addEventListener("toggle", markScrollable, true); // a table in a <details> just opened

  var reopen = [];
  window.addEventListener("beforeprint", function () {
    // The pairs of a scan print with their texts; lists and settings stay folded (and hidden).
    document.querySelectorAll("details.pair-view:not([open])").forEach(function (d) {
      d.open = true;
      reopen.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    reopen.forEach(function (d) {
      d.open = false;
    });
    reopen = [];
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
