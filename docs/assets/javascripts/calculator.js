// The cross-entropy calculator of docs/calculator.md: F.cross_entropy (torch 2.13) by hand, in float64.
// Plain JavaScript, no library. Loaded by a <script> tag inside the page, so it runs on a direct load
// and again when Material's instant navigation swaps the page in (it re-creates content scripts).
(function () {
  "use strict";

  const REDUCTIONS = ["none", "mean", "sum"];
  const DEFAULTS = { ignore_index: "-100", reduction: "mean", label_smoothing: "0" };
  const EXAMPLE = { logits: "1.5,-0.3,2;0.1,0.2,0.3", target: "2,0" };

  // Every text the script writes, in the page's language (<html lang="zh"> on the Chinese edition),
  // with the punctuation that joins it: half-width and a space in English, full-width and no space
  // in Chinese. torch's own error messages and its exception names ("IndexError: ") are not here:
  // they stay torch's, word for word, in both languages. Rows are numbered as the tables number the
  // samples, from 0, as n = 0: the index torch gives that row.
  const TEXT = {
    en: {
      missing: (what) => `${what}: a value is missing (two commas in a row?)`,
      notA: (what, text, integer) => `${what}: "${text}" is not ${integer ? "an integer" : "a number"}`,
      tooLarge: (what, text) => `${what}: ${text} is too large for float64`,
      noRows: (what) => `${what}: enter at least one row`,
      ragged: (what, n, len, len0) =>
        `${what}: row n = ${n} has ${len} values but row n = 0 has ${len0}; every row needs one value per class`,
      row: (what, n) => `${what}, row n = ${n}`,
      logits: "Logits",
      probs: "Probability targets",
      targets: "Targets",
      weight: "Weight",
      noTargets: "Targets: enter one class index per row",
      cannotRead: "Cannot read the input: ",
      colon: ": ",
      period: ". ",
      semicolon: "; ",
      comma: ", ",
      classC: "class c",
      probRow: (n) => `probability target t<sub>${n}</sub>`,
      target: (n, y) => `target y<sub>${n}</sub> = ${y}`,
      ignoredTarget: (y) => `target ${y} = ignore_index: ignored`,
      logit: " (logit)",
      max: "m = max",
      weightRow: " (weight)",
      asTyped: " (the row as typed)",
      oneHot: " (one-hot)",
      ignored: "ignored",
      sample: (n) => `Sample n = ${n}`,
      sampleWeight: "sample weight ",
      keptSum: "n kept",
      steps: (n) => `Steps of sample ${n}`,
      targetRow: "the target row",
      ifIgnored: "0 if y<sub>n</sub> = ignore_index",
      none: "'none' keeps one loss per sample: nothing is added or divided.",
      meanProbs: (N) => `'mean' with probability targets divides by the number of samples N = ${N} ` +
        "(weights are not normalised)",
      noneKept: " (no sample kept)",
      meanIndex: "'mean' with class indices divides by W, the sum of the target-class weights of the " +
        "samples not ignored",
      nan: " (W = 0, so torch's mean is nan, as a division by zero)",
      gradSample: "sample n",
      gradLabel: "Gradient with respect to the logits",
      zeroIgnored: "0 for an ignored sample",
      with: "with ",
      noneGrad: " (the gradient of Σ<sub>n</sub> ℓ<sub>n</sub>, what loss.sum().backward() gives)",
      plain: ". Without weights and smoothing this is s·(p − q): softmax minus the target.",
      stepsHeading: "Each sample, step by step",
      reductionHeading: "The reduction",
      gradHeading: "The gradient with respect to the logits",
      copied: "Copied the script to the clipboard.",
      refused: "The browser refused the clipboard: copy the script shown below instead.",
    },
    zh: {
      missing: (what) => `${what}：缺少一个值（是不是连着写了两个逗号？）`,
      notA: (what, text, integer) => `${what}：“${text}”不是${integer ? "整数" : "数字"}`,
      tooLarge: (what, text) => `${what}：${text} 超出 float64 的范围`,
      noRows: (what) => `${what}：请至少输入一行`,
      ragged: (what, n, len, len0) =>
        `${what}：n = ${n} 的一行有 ${len} 个值，而 n = 0 的一行有 ${len0} 个；每行都要为每个类别给出一个值`,
      row: (what, n) => `${what}（n = ${n} 的一行）`,
      logits: "logits",
      probs: "概率目标",
      targets: "目标",
      weight: "weight",
      noTargets: "目标：请为每一行输入一个类别索引",
      cannotRead: "无法读取输入：",
      colon: "：",
      period: "。",
      semicolon: "；",
      comma: "，",
      classC: "类别 c",
      probRow: (n) => `概率目标 t<sub>${n}</sub>`,
      target: (n, y) => `目标 y<sub>${n}</sub> = ${y}`,
      ignoredTarget: (y) => `目标 ${y} = ignore_index，此样本被忽略`,
      logit: "（logit）",
      max: "m = 最大值",
      weightRow: "（权重）",
      asTyped: "（即输入的这一行）",
      oneHot: "（独热）",
      ignored: "忽略",
      sample: (n) => `样本 n = ${n}`,
      sampleWeight: "样本权重 ",
      keptSum: "保留的 n",
      steps: (n) => `样本 ${n} 的计算步骤`,
      targetRow: "输入的目标行",
      ifIgnored: "y<sub>n</sub> = ignore_index 时为 0",
      none: "'none' 为每个样本各保留一个损失：既不求和，也不做除法。",
      meanProbs: (N) => `使用概率目标时，'mean' 除以样本数 N = ${N}（权重不做归一化）`,
      noneKept: "（没有保留的样本）",
      meanIndex: "使用类别索引时，'mean' 除以 W，即未被忽略样本的目标类别权重之和",
      nan: "（W = 0，相当于除以零，所以 torch 给出的均值是 nan）",
      gradSample: "样本 n",
      gradLabel: "对 logits 的梯度",
      zeroIgnored: "被忽略的样本为 0",
      with: "其中 ",
      noneGrad: "（Σ<sub>n</sub> ℓ<sub>n</sub> 的梯度，即 loss.sum().backward() 给出的梯度）",
      plain: "。没有权重和平滑时，它就是 s·(p − q)：softmax 减去目标。",
      stepsHeading: "逐个样本，逐步计算",
      reductionHeading: "归约",
      gradHeading: "对 logits 的梯度",
      copied: "已将脚本复制到剪贴板。",
      refused: "浏览器不允许写入剪贴板，请手动复制下面显示的脚本。",
    },
  };
  const T = TEXT[(document.documentElement.lang || "").startsWith("zh") ? "zh" : "en"];

  // ---------------------------------------------------------------------------------------------
  // Numbers as text
  // ---------------------------------------------------------------------------------------------

  // C's printf("%.<digits>g"), which Python's format(v, ".10g") and C++ streams (6 digits) follow.
  function formatG(v, digits) {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    if (v === 0) return "0";
    const [mantissa, exp] = v.toExponential(digits - 1).split("e");
    const e = Number(exp);
    const trim = (s) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
    if (e < -4 || e >= digits) {
      return trim(mantissa) + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
    }
    return trim(v.toFixed(digits - 1 - e));
  }
  const show = (v) => formatG(v, 6); // the step tables
  const full = (v) => formatG(v, 10); // the loss in #ce-loss

  // A float literal Python reads back as the same float64 (JS prints the shortest round-trip form).
  function pyFloat(v) {
    const s = String(v);
    return /^-?\d+$/.test(s) ? s + ".0" : s;
  }

  class InputError extends Error {}
  class TorchError extends Error {
    constructor(type, message) {
      super(message);
      this.type = type;
    }
  }

  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const INTEGER = /^[+-]?\d+$/;

  function parseValue(token, what, integer) {
    const text = token.trim();
    if (text === "") throw new InputError(T.missing(what));
    if (!(integer ? INTEGER : NUMBER).test(text)) throw new InputError(T.notA(what, text, integer));
    const value = Number(text);
    if (!Number.isFinite(value)) throw new InputError(T.tooLarge(what, text));
    return value;
  }

  function parseRow(text, what, integer) {
    return text.split(",").map((token) => parseValue(token, what, integer));
  }

  // Rows separated by ";" (or new lines), values by ",": a rectangular matrix or an InputError.
  function parseMatrix(text, what) {
    const rows = text.trim().split(/\s*[;\n]\s*/);
    if (rows.length === 1 && rows[0] === "") throw new InputError(T.noRows(what));
    const matrix = rows.map((row, n) => parseRow(row, T.row(what, n), false));
    matrix.forEach((row, n) => {
      if (row.length !== matrix[0].length) {
        throw new InputError(T.ragged(what, n, row.length, matrix[0].length));
      }
    });
    return matrix;
  }

  // ---------------------------------------------------------------------------------------------
  // F.cross_entropy, by hand
  // ---------------------------------------------------------------------------------------------

  // The checks torch 2.13 makes, in the order it makes them (each message is torch's own).
  function check(s) {
    const N = s.logits.length;
    const C = s.logits[0].length;
    if (!REDUCTIONS.includes(s.reduction)) {
      throw new TorchError("ValueError", `${s.reduction} is not a valid value for reduction`);
    }
    const smoothing = () => {
      if (s.label_smoothing > 1) {
        throw new TorchError(
          "RuntimeError",
          `label_smoothing must be between 0.0 and 1.0. Got: ${formatG(s.label_smoothing, 6)}`
        );
      }
    };
    const weight = (prefix) => {
      if (s.weight !== null && s.weight.length !== C) {
        throw new TorchError(
          "RuntimeError",
          `${prefix}weight tensor should be defined either for all ${C} classes or no classes ` +
            `but got weight tensor of shape: [${s.weight.length}]`
        );
      }
    };
    // Dispatch: the target holds probabilities iff its shape equals the logits' shape.
    const probabilities =
      s.probs !== null && s.probs.length === N && s.probs[0].length === C;
    if (probabilities) {
      if (s.ignore_index >= 0) {
        throw new TorchError("RuntimeError", "ignore_index is not supported for floating point target");
      }
      weight("cross_entropy: ");
      smoothing();
      return true;
    }
    smoothing();
    const targets = s.probs !== null ? s.probs.length : s.target.length;
    if (targets !== N) {
      throw new TorchError(
        "ValueError",
        `Expected input batch_size (${N}) to match target batch_size (${targets}).`
      );
    }
    if (s.probs !== null) {
      // Probability rows of another width: torch reads the 2-D target as class indices.
      throw new TorchError("RuntimeError", "0D or 1D target tensor expected, multi-target not supported");
    }
    weight("");
    for (const y of s.target) {
      if (y !== s.ignore_index && (y < 0 || y >= C)) {
        throw new TorchError("IndexError", `Target ${y} is out of bounds.`);
      }
    }
    return false;
  }

  // Every step for every sample, the reduced loss and the gradient with respect to the logits.
  function crossEntropy(s) {
    const probabilities = check(s);
    const N = s.logits.length;
    const C = s.logits[0].length;
    const eps = s.label_smoothing > 0 ? s.label_smoothing : 0; // torch treats ε < 0 as 0
    const w = s.weight !== null ? s.weight : new Array(C).fill(1);
    const sumW = w.reduce((a, b) => a + b, 0);
    const samples = s.logits.map((x, n) => {
      const m = Math.max(...x);
      const shifted = x.map((v) => v - m);
      const exp = shifted.map(Math.exp);
      const S = exp.reduce((a, b) => a + b, 0);
      const logS = Math.log(S);
      const logp = shifted.map((v) => v - logS);
      const p = exp.map((v) => v / S);
      const sample = { x, m, shifted, exp, S, lse: m + logS, logp, p, kept: true };
      if (probabilities) {
        sample.q = s.probs[n].map((t) => (eps > 0 ? (1 - eps) * t + eps / C : t));
        sample.terms = logp.map((lp, c) => -(lp * sample.q[c] * w[c]));
        sample.loss = sample.terms.reduce((a, b) => a + b, 0);
      } else {
        const y = s.target[n];
        sample.y = y;
        sample.kept = y !== s.ignore_index;
        sample.q = logp.map((_, c) => (c === y ? 1 - eps : 0) + eps / C);
        if (sample.kept) {
          // As torch adds them: (1-ε) w_y (-log p_y) + ε/C Σ_c w_c (-log p_c).
          sample.targetTerm = -w[y] * logp[y];
          sample.uniformTerm = -logp.reduce((a, lp, c) => a + w[c] * lp, 0);
          sample.wy = w[y];
          sample.terms = logp.map((lp, c) => w[c] * sample.q[c] * -lp);
          sample.loss = (1 - eps) * sample.targetTerm + (eps / C) * sample.uniformTerm;
        } else {
          sample.targetTerm = sample.uniformTerm = sample.wy = 0;
          sample.terms = new Array(C).fill(0);
          sample.loss = 0;
        }
      }
      return sample;
    });

    const losses = samples.map((r) => r.loss);
    const total = losses.reduce((a, b) => a + b, 0);
    let value;
    let divisor = 1;
    if (s.reduction === "none") value = losses;
    else if (s.reduction === "sum") value = total;
    else if (probabilities) value = total / (divisor = N);
    else {
      divisor = samples.reduce((a, r) => a + (r.kept ? r.wy : 0), 0); // W = Σ kept w_{y_n}
      const T = samples.reduce((a, r) => a + r.targetTerm, 0);
      const U = samples.reduce((a, r) => a + r.uniformTerm, 0);
      // torch divides each part by W, so W = 0 gives nan even where ε/C Σ ... is not 0.
      value = ((1 - eps) * T) / divisor + ((eps / C) * U) / divisor;
    }

    // ∂L/∂x_{n,c}; for 'none' the gradient of Σ_n ℓ_n (an upstream gradient of 1 per sample).
    const scale = s.reduction === "mean" ? 1 / divisor : 1;
    const grad = samples.map((r) => {
      if (probabilities) {
        const qw = r.q.reduce((a, q, k) => a + w[k] * q, 0);
        return r.p.map((p, c) => scale * (p * qw - w[c] * r.q[c]));
      }
      if (!r.kept) return new Array(C).fill(0);
      if (!Number.isFinite(scale)) return new Array(C).fill(NaN); // mean with W = 0, as torch
      return r.p.map(
        (p, c) =>
          scale * ((1 - eps) * r.wy * (p - (c === r.y ? 1 : 0)) + (eps / C) * (sumW * p - w[c]))
      );
    });
    return { probabilities, N, C, eps, w, samples, losses, total, divisor, value, grad };
  }

  // ---------------------------------------------------------------------------------------------
  // The page
  // ---------------------------------------------------------------------------------------------
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  };
  const html = (tag, attrs, markup) => {
    const node = el(tag, attrs);
    node.innerHTML = markup;
    return node;
  };
  const sub = (base, index) => `${base}<sub>${index}</sub>`;

  function readState(root) {
    const value = (name) => root.querySelector(`[name="${name}"]`).value;
    const mode = root.querySelector('[name="target_kind"]:checked').value;
    return {
      logits: value("logits"),
      target: mode === "index" ? value("target") : null,
      probs: mode === "probs" ? value("probs") : null,
      weight: value("weight"),
      ignore_index: value("ignore_index"),
      reduction: value("reduction"),
      label_smoothing: value("label_smoothing"),
    };
  }

  function parseState(raw) {
    const logits = parseMatrix(raw.logits, T.logits);
    let target = null;
    let probs = null;
    if (raw.probs !== null) probs = parseMatrix(raw.probs, T.probs);
    else {
      if (raw.target.trim() === "") throw new InputError(T.noTargets);
      target = parseRow(raw.target, T.targets, true);
    }
    const weight = raw.weight.trim() === "" ? null : parseRow(raw.weight, T.weight, false);
    const ignore = raw.ignore_index.trim() === "" ? DEFAULTS.ignore_index : raw.ignore_index;
    const smoothing = raw.label_smoothing.trim() === "" ? DEFAULTS.label_smoothing : raw.label_smoothing;
    return {
      logits,
      target,
      probs,
      weight,
      ignore_index: parseValue(ignore, "ignore_index", true),
      reduction: raw.reduction,
      label_smoothing: parseValue(smoothing, "label_smoothing", false),
    };
  }

  // The URL: rows by ";", values by ",", only what differs from torch's defaults.
  function toQuery(raw) {
    const compact = (text) => text.trim().replace(/\s*[;\n]\s*/g, ";").replace(/\s*,\s*/g, ",");
    const parts = [["logits", compact(raw.logits)]];
    if (raw.probs !== null) parts.push(["probs", compact(raw.probs)]);
    else parts.push(["target", compact(raw.target)]);
    if (raw.weight.trim() !== "") parts.push(["weight", compact(raw.weight)]);
    for (const name of ["ignore_index", "reduction", "label_smoothing"]) {
      if (raw[name].trim() !== "" && raw[name].trim() !== DEFAULTS[name]) {
        parts.push([name, raw[name].trim()]);
      }
    }
    const encode = (v) => encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3B/g, ";");
    return "?" + parts.map(([k, v]) => `${k}=${encode(v)}`).join("&");
  }

  function fromQuery(root, search) {
    const params = new URLSearchParams(search);
    const set = (name, value) => (root.querySelector(`[name="${name}"]`).value = value);
    const any = ["logits", "target", "probs"].some((k) => params.has(k));
    set("logits", params.get("logits") ?? (any ? "" : EXAMPLE.logits));
    set("target", params.get("target") ?? (any ? "" : EXAMPLE.target));
    set("probs", params.get("probs") ?? "");
    set("weight", params.get("weight") ?? "");
    const reduction = root.querySelector('[name="reduction"]');
    if (params.has("reduction") && !REDUCTIONS.includes(params.get("reduction"))) {
      reduction.append(new Option(params.get("reduction"))); // shown, and rejected as torch does
    }
    for (const name of ["ignore_index", "reduction", "label_smoothing"]) {
      set(name, params.get(name) ?? DEFAULTS[name]);
    }
    const kind = params.has("probs") && !params.has("target") ? "probs" : "index";
    root.querySelector(`[name="target_kind"][value="${kind}"]`).checked = true;
  }

  function pythonScript(s) {
    const list = (row) => "[" + row.map(pyFloat).join(", ") + "]";
    const lines = [
      "import torch",
      "import torch.nn.functional as F",
      "",
      `logits = torch.tensor([${s.logits.map(list).join(", ")}], dtype=torch.float64)`,
    ];
    if (s.probs !== null) {
      lines.push(`target = torch.tensor([${s.probs.map(list).join(", ")}], dtype=torch.float64)`);
    } else lines.push(`target = torch.tensor([${s.target.join(", ")}])`);
    const args = ["logits", "target"];
    if (s.weight !== null) {
      lines.push(`weight = torch.tensor(${list(s.weight)}, dtype=torch.float64)`);
      args.push("weight=weight");
    }
    args.push(
      `ignore_index=${s.ignore_index}`,
      `reduction=${JSON.stringify(s.reduction)}`,
      `label_smoothing=${pyFloat(s.label_smoothing)}`
    );
    lines.push(
      "",
      "loss = F.cross_entropy(",
      `    ${args.join(", ")}`,
      ")",
      "# The loss as the calculator shows it: 10 significant digits, samples joined by commas.",
      'print(",".join(format(v + 0.0, ".10g") for v in loss.reshape(-1).tolist()))',
      ""
    );
    return lines.join("\n");
  }

  function table(caption, columns, rows, label) {
    const head = el("tr", {}, ...columns.map((c) => html("th", { scope: "col" }, c)));
    const body = rows.map(([header, cells]) =>
      el("tr", {}, html("th", { scope: "row" }, header), ...cells.map((c) => html("td", {}, c)))
    );
    const t = el("table", { class: "ce-table" }, html("caption", {}, caption), el("thead", {}, head), el("tbody", {}, ...body));
    return el("div", { class: "ce-scroll", role: "region", tabindex: "0", "aria-label": label }, t);
  }

  function renderSteps(r) {
    const { C, w, eps, probabilities } = r;
    const out = [];
    const classes = [T.classC, ...Array.from({ length: C }, (_, c) => String(c)), "Σ<sub>c</sub>"];
    r.samples.forEach((s, n) => {
      const who = probabilities
        ? T.probRow(n)
        : s.kept
          ? T.target(n, s.y)
          : T.ignoredTarget(s.y);
      const cells = (values, total) => [...values.map(show), total === undefined ? "" : show(total)];
      const rows = [
        [sub("x", "c") + T.logit, cells(s.x)],
        [`${sub("x", "c")} − m${T.comma}${T.max} = ${show(s.m)}`, cells(s.shifted)],
        [`e<sup>${sub("x", "c")} − m</sup>`, cells(s.exp, s.S)],
        [`${sub("p", "c")} = e<sup>${sub("x", "c")} − m</sup> / Σ`, cells(s.p, s.p.reduce((a, b) => a + b, 0))],
        [`−log ${sub("p", "c")} = log Σ − (${sub("x", "c")} − m)`, cells(s.logp.map((v) => -v))],
        [sub("w", "c") + T.weightRow, cells(w)],
        [
          probabilities
            ? eps > 0
              ? `${sub("q", "c")} = (1 − ε)·${sub("t", "c")} + ε/C`
              : `${sub("q", "c")} = ${sub("t", "c")}${T.asTyped}`
            : eps > 0
              ? `${sub("q", "c")} = (1 − ε)·[c = y] + ε/C`
              : `${sub("q", "c")} = [c = y]${T.oneHot}`,
          cells(s.q, s.q.reduce((a, b) => a + b, 0)),
        ],
        [
          `${sub("w", "c")}·${sub("q", "c")}·(−log ${sub("p", "c")})`,
          s.kept ? cells(s.terms, s.loss) : [...new Array(C).fill(T.ignored), "0"],
        ],
      ];
      const summary =
        `<strong>${T.sample(n)}</strong>${T.colon}${who}${T.period}LSE = m + log Σ = ${show(s.lse)}${T.semicolon}` +
        `ℓ<sub>${n}</sub> = ${show(s.loss)}` +
        (!probabilities && s.kept ? `${T.comma}${T.sampleWeight}${sub("w", "y" + n)} = ${show(s.wy)}` : "");
      out.push(html("p", { class: "ce-sample" }, summary));
      out.push(table(T.steps(n), classes, rows, T.steps(n)));
    });
    return out;
  }

  function formulaText(r, reduction) {
    const ell = r.probabilities
      ? "ℓ<sub>n</sub> = −Σ<sub>c</sub> w<sub>c</sub>·q<sub>n,c</sub>·log p<sub>n,c</sub>" + T.comma +
        "p<sub>n</sub> = softmax(x<sub>n</sub>)" + T.comma +
        (r.eps > 0 ? "q<sub>n,c</sub> = (1 − ε)·t<sub>n,c</sub> + ε/C" : "q<sub>n</sub> = " + T.targetRow)
      : r.eps > 0
        ? "ℓ<sub>n</sub> = (1 − ε)·w<sub>y<sub>n</sub></sub>·(−log p<sub>n,y<sub>n</sub></sub>) + " +
          "ε/C·Σ<sub>c</sub> w<sub>c</sub>·(−log p<sub>n,c</sub>)" + T.comma + T.ifIgnored
        : "ℓ<sub>n</sub> = w<sub>y<sub>n</sub></sub>·(−log p<sub>n,y<sub>n</sub></sub>) = " +
          "w<sub>y<sub>n</sub></sub>·(LSE(x<sub>n</sub>) − x<sub>n,y<sub>n</sub></sub>)" + T.comma +
          T.ifIgnored;
    const reduce = {
      none: "L = (ℓ<sub>0</sub>, …, ℓ<sub>N−1</sub>)",
      sum: "L = Σ<sub>n</sub> ℓ<sub>n</sub>",
      mean: r.probabilities
        ? "L = Σ<sub>n</sub> ℓ<sub>n</sub> / N"
        : `L = Σ<sub>n</sub> ℓ<sub>n</sub> / W${T.comma}W = Σ<sub>${T.keptSum}</sub> w<sub>y<sub>n</sub></sub>`,
    }[reduction];
    return `${ell}${T.semicolon}${reduce}`;
  }

  function reductionText(r, reduction) {
    const names = r.samples.map((_, n) => `ℓ<sub>${n}</sub>`).join(" + ");
    const values = r.losses.map(show).join(" + ");
    if (reduction === "none") return T.none;
    if (reduction === "sum") return `'sum'${T.colon}L = ${names} = ${values} = ${show(r.total)}`;
    if (r.probabilities) {
      return `${T.meanProbs(r.N)}${T.colon}L = (${names}) / ${r.N} = ${show(r.total)} / ${r.N} = ${show(r.value)}`;
    }
    const kept = r.samples.map((s, n) => [s, n]).filter(([s]) => s.kept);
    const wNames = kept.map(([, n]) => sub("w", "y" + n)).join(" + ");
    const wValues = kept.map(([s]) => show(s.wy)).join(" + ");
    const W = kept.length ? `W = ${wNames} = ${wValues} = ${show(r.divisor)}` : `W = 0${T.noneKept}`;
    let text = `${T.meanIndex}${T.colon}${W}${T.period}` +
      `L = (${names}) / W = ${show(r.total)} / ${show(r.divisor)} = ${show(r.value)}`;
    if (r.divisor === 0) text += T.nan;
    return text;
  }

  function update(root) {
    const raw = readState(root);
    const loss = root.querySelector("#ce-loss");
    const error = root.querySelector("#ce-error");
    const errorType = root.querySelector(".ce-error-type");
    const work = root.querySelector(".ce-work");
    const copy = root.querySelector(".ce-copy");
    const script = root.querySelector(".ce-script");
    const kind = raw.probs !== null ? "probs" : "index";
    root.querySelector(".ce-target-index").hidden = kind !== "index";
    root.querySelector(".ce-target-probs").hidden = kind !== "probs";
    const url = new URL(window.location.href);
    window.history.replaceState(window.history.state, "", url.pathname + toQuery(raw) + url.hash);

    let state;
    let result;
    try {
      state = parseState(raw);
      script.textContent = pythonScript(state);
      result = crossEntropy(state);
    } catch (err) {
      if (!(err instanceof InputError || err instanceof TorchError)) throw err;
      loss.textContent = "";
      errorType.textContent = err instanceof TorchError ? err.type + ": " : T.cannotRead;
      error.textContent = err.message;
      root.classList.add("ce-has-error");
      root.querySelector(".ce-formula").textContent = "";
      work.replaceChildren();
      copy.disabled = err instanceof InputError;
      if (err instanceof InputError) script.textContent = "";
      return;
    }
    error.textContent = "";
    errorType.textContent = "";
    root.classList.remove("ce-has-error");
    copy.disabled = false;
    loss.textContent = Array.isArray(result.value) ? result.value.map(full).join(",") : full(result.value);
    root.querySelector(".ce-formula").innerHTML = formulaText(result, state.reduction);

    const gradCols = [T.gradSample, ...Array.from({ length: result.C }, (_, c) => `c = ${c}`)];
    const gradRows = result.grad.map((g, n) => [String(n), g.map(show)]);
    const gradient = table(
      "∂L/∂x<sub>n,c</sub>",
      gradCols,
      gradRows,
      T.gradLabel
    );
    gradient.querySelector("table").dataset.grad = JSON.stringify(result.grad.map((g) => g.map(full)));
    const gradFormula = result.probabilities
      ? "∂L/∂x<sub>n,c</sub> = s·(p<sub>n,c</sub>·Σ<sub>k</sub> w<sub>k</sub>·q<sub>n,k</sub> − w<sub>c</sub>·q<sub>n,c</sub>)"
      : "∂L/∂x<sub>n,c</sub> = s·[(1 − ε)·w<sub>y<sub>n</sub></sub>·(p<sub>n,c</sub> − [c = y<sub>n</sub>]) + " +
        "ε/C·(Σ<sub>k</sub> w<sub>k</sub>·p<sub>n,c</sub> − w<sub>c</sub>)]" + T.comma + T.zeroIgnored;
    const s = state.reduction === "mean" ? (result.probabilities ? "1/N" : "1/W") : "1";
    const gradNote =
      `${gradFormula}${T.comma}${T.with}s = ${s}` +
      (state.reduction === "none" ? T.noneGrad : "") +
      T.plain;
    work.replaceChildren(
      html("h2", {}, T.stepsHeading),
      ...renderSteps(result),
      html("h2", {}, T.reductionHeading),
      html("p", {}, reductionText(result, state.reduction)),
      html("h2", {}, T.gradHeading),
      html("p", {}, gradNote),
      gradient
    );
  }

  function init() {
    const root = document.querySelector(".ce-calculator");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    fromQuery(root, window.location.search);
    root.addEventListener("input", () => update(root));
    root.addEventListener("change", () => update(root));
    root.querySelector(".ce-copy").addEventListener("click", async () => {
      const status = root.querySelector(".ce-copy-status");
      try {
        await navigator.clipboard.writeText(root.querySelector(".ce-script").textContent);
        status.textContent = T.copied;
      } catch (err) {
        status.textContent = T.refused;
      }
    });
    update(root);
  }

  init();
})();
