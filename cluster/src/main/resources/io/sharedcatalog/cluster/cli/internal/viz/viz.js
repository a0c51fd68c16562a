// Draws the pipeline with dagre (left to right, as Kedro-Viz does) and polls /api/state every
// second to colour the task nodes by state. Every drawn element is built with textContent, never
// innerHTML, so names from the pipeline cannot inject markup.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const svg = document.getElementById("graph");
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = '13px "DejaVu Sans", Arial, sans-serif';
  const elements = new Map(); // node id -> {group, detail, node}
  let pipeline = null;

  function el(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) {
      element.setAttribute(key, value);
    }
    if (parent) {
      parent.appendChild(element);
    }
    return element;
  }

  function text(parent, x, y, content, cls) {
    const t = el("text", { x: x, y: y, "text-anchor": "middle", class: cls || "" }, parent);
    t.textContent = content;
    return t;
  }

  function lines(node) {
    if (node.kind === "task") {
      return [node.name, "pending", ""];
    }
    if (node.kind === "dataset") {
      return [node.name, node.type, "size unknown"];
    }
    return ["Parameters"].concat(node.parameters.map((p) => "params:" + p));
  }

  function width(node) {
    let widest = 0;
    for (const line of lines(node)) {
      widest = Math.max(widest, measure.measureText(line).width);
    }
    return Math.max(node.kind === "task" ? 150 : 110, Math.ceil(widest) + 28);
  }

  function height(node) {
    return 14 + 16 * lines(node).length;
  }

  function draw(graph) {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 42, edgesep: 10, marginx: 16, marginy: 16 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const node of graph.nodes) {
      g.setNode(node.id, { width: width(node), height: height(node), node: node });
    }
    for (const edge of graph.edges) {
      g.setEdge(edge.source, edge.target);
    }
    dagre.layout(g);
    const size = g.graph();
    // Fit the whole graph in the window, as Kedro-Viz does on load (never enlarged past 1:1).
    svg.setAttribute("viewBox", "0 0 " + size.width + " " + size.height);
    svg.setAttribute("preserveAspectRatio", "xMidYMin meet");
    svg.style.maxWidth = size.width + "px";
    const defs = el("defs", {}, svg);
    const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M 0 0 L 10 5 L 0 10 z" }, marker);
    const edges = el("g", { class: "edges" }, svg);
    for (const e of g.edges()) {
      const points = g.edge(e).points;
      const d = points.map((p, i) => (i === 0 ? "M" : "L") + p.x.toFixed(1) + " " + p.y.toFixed(1)).join(" ");
      el("path", { class: "edge", d: d, "marker-end": "url(#arrow)",
        "data-source": e.v, "data-target": e.w }, edges);
    }
    const nodes = el("g", { class: "nodes" }, svg);
    for (const id of g.nodes()) {
      const box = g.node(id);
      const node = box.node;
      const attributes = { class: "node " + node.kind, "data-kind": node.kind,
        transform: "translate(" + (box.x - box.width / 2) + "," + (box.y - box.height / 2) + ")" };
      if (node.kind === "task") {
        attributes["data-node"] = node.name;
        attributes["data-state"] = "pending";
      } else if (node.kind === "dataset") {
        attributes["data-dataset"] = node.name;
        attributes["data-type"] = node.type;
      } else {
        attributes["data-parameters"] = node.parameters.join(",");
      }
      const group = el("g", attributes, nodes);
      el("rect", { width: box.width, height: box.height, rx: node.kind === "task" ? 10 : 3 }, group);
      const content = lines(node);
      const x = box.width / 2;
      text(group, x, 22, content[0], "name");
      let detail = null;
      let worker = null;
      let sizeText = null;
      if (node.kind === "task") {
        detail = text(group, x, 38, content[1], "detail");
        worker = text(group, x, 54, "", "detail worker");
      } else if (node.kind === "dataset") {
        text(group, x, 38, content[1], "type");
        sizeText = text(group, x, 54, content[2], "detail size");
      } else {
        content.slice(1).forEach((line, i) => text(group, x, 38 + 16 * i, line, "detail"));
      }
      elements.set(id, { group: group, detail: detail, worker: worker, width: box.width,
        size: sizeText, node: node });
    }
  }

  /** The text, cut with an ellipsis to fit the width in pixels (worker ids can be long). */
  function fit(content, pixels) {
    measure.font = '11px "DejaVu Sans", Arial, sans-serif';
    let cut = content;
    while (cut.length > 4 && measure.measureText(cut).width > pixels) {
      cut = cut.substring(0, cut.length - 2);
    }
    measure.font = '13px "DejaVu Sans", Arial, sans-serif';
    return cut === content ? content : cut + "…";
  }

  function formatMillis(ms) {
    return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s";
  }

  function formatBytes(bytes) {
    const units = ["B", "KiB", "MiB", "GiB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + " " + units[unit];
  }

  function update(state) {
    const status = document.getElementById("run-status");
    status.setAttribute("data-status", state.status);
    const total = pipeline.nodes.filter((n) => n.kind === "task").length;
    const done = Object.values(state.nodes).filter((n) => n.state === "done").length;
    status.textContent = state.status === "none" ? "no run yet"
      : "run " + state.runId + ": " + state.status + ", " + done + " of " + total + " nodes done";
    const producers = new Map();
    for (const edge of pipeline.edges) {
      if (edge.source.startsWith("task:")) {
        producers.set(edge.target, edge.source.substring(5));
      }
    }
    for (const [id, drawn] of elements) {
      const node = drawn.node;
      if (node.kind === "task") {
        const s = state.nodes[node.name];
        const name = s ? s.state : "pending";
        drawn.group.setAttribute("data-state", name);
        let line = name;
        if (s && s.durationMillis >= 0) {
          line += " · " + formatMillis(s.durationMillis);
        } else if (s && s.state === "running" && s.startedAt > 0) {
          line += " · " + formatMillis(Math.max(0, Date.now() - s.startedAt));
        }
        drawn.detail.textContent = line;
        drawn.worker.textContent = s && s.worker ? fit(s.worker, drawn.width - 16) : "";
        const title = drawn.group.querySelector("title") || el("title", {}, drawn.group);
        title.textContent = node.name + ": " + line + (s && s.worker ? " on " + s.worker : "")
          + (s && s.error ? "\n" + s.error : "")
          + (s && s.attempt > 1 ? "\nattempt " + s.attempt : "");
      } else if (node.kind === "dataset") {
        const bytes = state.datasetBytes[node.name];
        drawn.size.textContent = bytes === undefined || bytes === null ? "size unknown" : formatBytes(bytes);
        const producer = producers.get(id);
        const produced = producer && state.nodes[producer] && state.nodes[producer].state === "done";
        drawn.group.setAttribute("data-state", produced ? "written" : "");
      }
    }
  }

  async function refresh() {
    try {
      const response = await fetch("api/state", { cache: "no-store" });
      update(await response.json());
    } catch (e) {
      document.getElementById("run-status").textContent = "viz server not reachable";
    }
  }

  fetch("api/pipeline")
    .then((response) => response.json())
    .then((graph) => {
      pipeline = graph;
      document.getElementById("pipeline-name").textContent = graph.pipeline;
      draw(graph);
      refresh();
      setInterval(refresh, 1000);
    });
})();
