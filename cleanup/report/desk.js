// The review desk of a cleanup report: filter, sort, search, decide, export.
// Everything from the documents is set with textContent, never as markup.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("desk-data").textContent);
  const STORE = "cleanup-desk/1/";
  const byId = (id) => document.getElementById(id);
  const items = Array.from(document.querySelectorAll("li.edit[data-id]"));
  const itemOf = new Map(items.map((li) => [Number(li.dataset.id), li]));
  const decisions = new Map(); // edit id -> "accept" | "reject"
  const stale = new Set(); // file indexes whose document changed since the page was written
  let current = null;

  const anchorKey = (e) => JSON.stringify([e.before, e.left, e.right, e.ordinal, e.after]);
  const groupKey = (e) => e.file + "\u0000" + (e.entry !== null ? "e" + e.entry : "s" + e.step + "\u0000" + e.after);

  function warn(message) {
    const p = document.createElement("p");
    p.className = "warning";
    p.textContent = message;
    byId("warnings").appendChild(p);
  }

  // --- local storage: per document name, with the hash of the text decided on --------
  function save(fileIndex) {
    const file = data.files[fileIndex];
    const kept = {};
    for (const e of data.edits) {
      if (e.file === fileIndex && decisions.has(e.id)) kept[anchorKey(e)] = decisions.get(e.id);
    }
    try {
      if (Object.keys(kept).length) {
        localStorage.setItem(STORE + file.name, JSON.stringify({ sha256: file.sha256, decisions: kept }));
      } else {
        localStorage.removeItem(STORE + file.name);
      }
    } catch (err) {
      /* storage may be off (private windows): decisions then last as long as the tab */
    }
  }

  function restore() {
    data.files.forEach((file, index) => {
      let stored = null;
      try {
        stored = JSON.parse(localStorage.getItem(STORE + file.name) || "null");
      } catch (err) {
        stored = null;
      }
      if (!stored || typeof stored.decisions !== "object") return;
      if (stored.sha256 !== file.sha256) {
        warn(file.name + ": the decisions kept in this browser were made on another version of this document; they are not restored.");
        return;
      }
      for (const e of data.edits) {
        const verdict = stored.decisions[anchorKey(e)];
        if (e.file === index && (verdict === "accept" || verdict === "reject")) decisions.set(e.id, verdict);
      }
    });
  }

  // --- deciding -------------------------------------------------------------------
  function show(id) {
    const li = itemOf.get(id);
    const verdict = decisions.get(id) || "";
    li.dataset.decision = verdict || "undecided";
    li.querySelector(".verdict").textContent = verdict === "accept" ? "accepted" : verdict === "reject" ? "rejected" : "";
  }

  function decide(ids, verdict) {
    const files = new Set();
    for (const id of ids) {
      const e = data.edits[id];
      if (stale.has(e.file)) continue;
      if (verdict) decisions.set(id, verdict);
      else decisions.delete(id);
      files.add(e.file);
      show(id);
    }
    files.forEach(save);
    refresh();
  }

  function sameGroup(id) {
    const key = groupKey(data.edits[id]);
    return data.edits.filter((e) => groupKey(e) === key).map((e) => e.id);
  }

  // --- filter, sort, count --------------------------------------------------------
  function wanted(e) {
    const li = itemOf.get(e.id);
    const file = byId("f-file").value;
    const step = byId("f-step").value;
    const tier = byId("f-tier").value;
    const decision = byId("f-decision").value;
    const low = Number(byId("f-min").value || 0);
    const high = Number(byId("f-max").value || 1);
    const search = byId("f-search").value.trim().toLowerCase();
    if (file !== "" && Number(file) !== e.file) return false;
    if (step && e.step !== step) return false;
    if (tier && (tier === "applied") !== e.applied) return false;
    if (decision && li.dataset.decision !== decision) return false;
    if (e.confidence < low - 1e-9 || e.confidence > high + 1e-9) return false;
    return !search || li.textContent.toLowerCase().includes(search);
  }

  function refresh() {
    const byConfidence = byId("f-sort").value === "confidence";
    let shown = 0;
    const counts = { accept: 0, reject: 0 };
    for (const e of data.edits) {
      const li = itemOf.get(e.id);
      li.hidden = !wanted(e);
      if (!li.hidden) {
        shown += 1;
        const verdict = decisions.get(e.id);
        if (verdict) counts[verdict] += 1;
      }
    }
    document.querySelectorAll("ol.edits").forEach((list) => {
      const lis = Array.from(list.children);
      lis.sort((a, b) => {
        const x = data.edits[Number(a.dataset.id)];
        const y = data.edits[Number(b.dataset.id)];
        return (byConfidence ? x.confidence - y.confidence : 0) || x.start - y.start || x.end - y.end;
      });
      lis.forEach((li) => list.appendChild(li));
    });
    document.querySelectorAll("section.file").forEach((section) => {
      const file = byId("f-file").value;
      section.hidden = file !== "" && section.id !== "file-" + file;
    });
    byId("counts").textContent =
      "showing " + shown + " of " + data.edits.length + " edits: " + counts.accept + " accepted, " +
      counts.reject + " rejected, " + (shown - counts.accept - counts.reject) + " undecided";
    if (current !== null && itemOf.get(current).hidden) focus(null);
    previews();
  }

  // --- what the text becomes --------------------------------------------------------
  function previews() {
    data.files.forEach((file, index) => {
      const box = document.querySelector("#file-" + index + " .becomes-text");
      if (!box) return;
      const kept = data.edits.filter((e) => {
        const verdict = decisions.get(e.id);
        return e.file === index && (verdict === "accept" || (e.applied && verdict !== "reject"));
      });
      let text = "";
      let at = 0;
      for (const e of kept) {
        text += file.text.slice(at, e.start) + e.after;
        at = e.end;
      }
      box.textContent = text + file.text.slice(at);
    });
  }

  // --- moving with the keyboard ---------------------------------------------------------
  function visible() {
    return Array.from(document.querySelectorAll("li.edit[data-id]")).filter((li) => !li.hidden && !li.closest("section[hidden]"));
  }

  function focus(li) {
    if (current !== null) itemOf.get(current).classList.remove("current");
    current = li ? Number(li.dataset.id) : null;
    if (li) {
      li.classList.add("current");
      li.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const shown = visible();
    if (!shown.length) return;
    const at = current === null ? -1 : shown.indexOf(itemOf.get(current));
    const next = at < 0 ? (step > 0 ? 0 : shown.length - 1) : Math.min(Math.max(at + step, 0), shown.length - 1);
    focus(shown[next]);
  }

  const KEYS = {
    j: () => move(1),
    k: () => move(-1),
    y: () => current !== null && (decide([current], "accept"), move(1)),
    n: () => current !== null && (decide([current], "reject"), move(1)),
    a: () => current !== null && decide(sameGroup(current), "accept"),
    d: () => current !== null && decide(sameGroup(current), "reject"),
    u: () => current !== null && decide([current], ""),
    "/": () => byId("f-search").focus(),
  };

  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (typing) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const handler = KEYS[event.key];
    if (handler && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      handler();
    }
  });

  // --- export: sidecar files as cleanup review writes them -----------------------------
  function sidecar(index) {
    const file = data.files[index];
    const decided = data.edits.filter((e) => e.file === index && decisions.has(e.id));
    decided.sort((x, y) => x.start - y.start || x.ordinal - y.ordinal);
    return {
      version: data.version,
      document: file.name.split(/[\\/]/).pop(),
      sha256: file.sha256,
      decisions: decided.map((e) => ({
        start: e.start, before: e.before, left: e.left, right: e.right, ordinal: e.ordinal,
        step: e.step, entry: e.entry, after: e.after, decision: decisions.get(e.id),
      })),
    };
  }

  function download(name, value) {
    const blob = new Blob([JSON.stringify(value, null, 1) + "\n"], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function exportable(index) {
    if (!stale.has(index)) return true;
    warn(data.files[index].name + " has changed since this page was written: its decisions are not exported. Write a new report and decide again.");
    return false;
  }

  byId("export-bundle").addEventListener("click", () => {
    const documents = data.files
      .map((file, index) => ({ index, name: file.name }))
      .filter((f) => data.edits.some((e) => e.file === f.index && decisions.has(e.id)) && exportable(f.index))
      .map((f) => ({ name: f.name, sidecar: sidecar(f.index) }));
    download("cleanup-decisions.json", { version: data.version, kind: "cleanup decisions", documents });
  });

  document.querySelectorAll("button.export-file").forEach((button) => {
    button.addEventListener("click", () => {
      const index = Number(button.dataset.file);
      if (exportable(index)) download(data.files[index].name.split(/[\\/]/).pop() + ".cleanup.json", sidecar(index));
    });
  });

  byId("forget").addEventListener("click", () => decide(Array.from(decisions.keys()), ""));

  // --- has a document changed since? The reader picks the files; the page hashes them --
  async function hex(buffer) {
    const bytes = new Uint8Array(buffer);
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.slice(3) : bytes;
    const hash = await crypto.subtle.digest("SHA-256", body);
    return Array.from(new Uint8Array(hash)).map((b) => b.toString(16).padStart(2, "0")).join("");
  }

  byId("check-files").addEventListener("change", async (event) => {
    if (!(window.crypto && crypto.subtle)) {
      warn("This browser cannot compute SHA-256 here; the files were not checked.");
      return;
    }
    for (const picked of Array.from(event.target.files)) {
      const sha = await hex(await picked.arrayBuffer());
      data.files.forEach((file, index) => {
        if (file.name.split(/[\\/]/).pop() !== picked.name) return;
        if (sha === file.sha256) {
          stale.delete(index);
        } else {
          stale.add(index);
          warn(file.name + " has changed since this page was written: its decisions are not exported. Write a new report (cleanup fix --report) and decide again.");
        }
        document.querySelector("#file-" + index).classList.toggle("stale", stale.has(index));
      });
    }
  });

  // --- wiring -----------------------------------------------------------------------
  function options(select, values) {
    for (const [value, label] of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }
  }

  options(byId("f-file"), data.files.map((file, index) => [String(index), file.name]));
  options(byId("f-step"), Array.from(new Set(data.edits.map((e) => e.step))).sort().map((s) => [s, s]));
  ["f-file", "f-step", "f-tier", "f-min", "f-max", "f-decision", "f-sort", "f-search"].forEach((id) => {
    byId(id).addEventListener("input", refresh);
    byId(id).addEventListener("change", refresh);
  });
  items.forEach((li) => {
    const id = Number(li.dataset.id);
    li.addEventListener("click", () => focus(li));
    li.querySelectorAll("button[data-verdict]").forEach((button) => {
      button.addEventListener("click", (event) => {
        event.stopPropagation();
        focus(li);
        const ids = button.dataset.scope === "entry" ? sameGroup(id) : [id];
        decide(ids, button.dataset.verdict);
      });
    });
  });
  byId("desk").hidden = false;
  restore();
  items.forEach((li) => show(Number(li.dataset.id)));
  refresh();
})();
