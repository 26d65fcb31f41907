/* MuNet Aula: verify a certificate in the browser.
   The QR link's fragment holds the COSE_Sign1 (ES256) bytes as digits. We decode
   them, check the signature with WebCrypto against /.well-known/jwks.json, show the
   signed claims, then ask the server for the current status. No business rules here:
   only verifying and displaying. Strings come from the page (#verify-strings). */
(function () {
  "use strict";
  var main = document.getElementById("main");
  var result = document.getElementById("result");
  var T = JSON.parse(document.getElementById("verify-strings").textContent);
  var cfg = main.dataset;
  var lang = cfg.lang || document.documentElement.lang;
  var CACHE = "munet-verify-v1";

  /* --- Digits to bytes: port of certification/qr_payload.bytes_from_digits ----- */
  var CHUNK = 5;
  var DIGITS = {1: 3, 2: 5, 3: 8, 4: 10, 5: 13};
  var CHUNK_FOR_DIGITS = {3: 1, 5: 2, 8: 3, 10: 4, 13: 5};

  function bytesFromDigits(text) {
    if (text && !/^[0-9]+$/.test(text)) throw new Error("not a digit string");
    var full = DIGITS[CHUNK];
    var whole = Math.floor(text.length / full), rest = text.length % full;
    if (rest && !CHUNK_FOR_DIGITS[rest]) throw new Error("bad length");
    var sizes = [];
    for (var i = 0; i < whole; i++) sizes.push([full, CHUNK]);
    if (rest) sizes.push([rest, CHUNK_FOR_DIGITS[rest]]);
    var out = [], position = 0;
    sizes.forEach(function (pair) {
      var value = Number(text.slice(position, position + pair[0]));  // < 10^13, exact
      if (value >= Math.pow(256, pair[1])) throw new Error("group out of range");
      var group = [];
      for (var k = 0; k < pair[1]; k++) {
        group.unshift(value % 256);
        value = Math.floor(value / 256);
      }
      out = out.concat(group);
      position += pair[0];
    });
    return new Uint8Array(out);
  }

  /* --- A tiny CBOR decoder: uint, negint, bstr, tstr, array, map, tag ---------- */
  var utf8 = new TextDecoder("utf-8", {fatal: true});

  function cborDecode(bytes) {
    var pos = 0;
    function need(n) { if (pos + n > bytes.length) throw new Error("truncated"); }
    function length(info) {
      if (info < 24) return info;
      var size = {24: 1, 25: 2, 26: 4, 27: 8}[info];
      if (!size) throw new Error("unsupported length");
      need(size);
      var value = 0;
      for (var i = 0; i < size; i++) value = value * 256 + bytes[pos++];
      if (value > Number.MAX_SAFE_INTEGER) throw new Error("too large");
      return value;
    }
    function item() {
      need(1);
      var initial = bytes[pos++], major = initial >> 5, n = length(initial & 31), i, out;
      switch (major) {
        case 0: return n;
        case 1: return -1 - n;
        case 2: need(n); pos += n; return bytes.slice(pos - n, pos);
        case 3: need(n); pos += n; return utf8.decode(bytes.slice(pos - n, pos));
        case 4: out = []; for (i = 0; i < n; i++) out.push(item()); return out;
        case 5: out = new Map(); for (i = 0; i < n; i++) { var key = item(); out.set(key, item()); } return out;
        case 6: return {tag: n, value: item()};
        default: throw new Error("unsupported type");
      }
    }
    var value = item();
    if (pos !== bytes.length) throw new Error("trailing bytes");
    return value;
  }

  /* --- A tiny CBOR encoder, for the Sig_structure ------------------------------ */
  function head(major, n) {
    if (n < 24) return [(major << 5) | n];
    if (n < 256) return [(major << 5) | 24, n];
    if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
    return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  function bstr(bytes) { return head(2, bytes.length).concat(Array.from(bytes)); }
  function sigStructure(protectedBytes, payload) {
    var context = new TextEncoder().encode("Signature1");
    return new Uint8Array([].concat(head(4, 4), head(3, context.length), Array.from(context),
      bstr(protectedBytes), bstr(new Uint8Array(0)), bstr(payload)));
  }

  /* --- Verification ------------------------------------------------------------ */
  function isBytes(value) { return value instanceof Uint8Array; }

  function parse(digits) {
    var message = cborDecode(bytesFromDigits(digits));
    if (message && message.tag !== undefined) {
      if (message.tag !== 18) throw new Error("not COSE_Sign1");
      message = message.value;
    }
    if (!Array.isArray(message) || message.length !== 4 || !isBytes(message[0]) ||
        !isBytes(message[2]) || !isBytes(message[3])) throw new Error("not COSE_Sign1");
    var header = cborDecode(message[0]);
    var claims = cborDecode(message[2]);
    if (!(header instanceof Map) || !(claims instanceof Map)) throw new Error("not maps");
    var kid = header.get(4);
    return {
      protectedBytes: message[0], payload: message[2], signature: message[3],
      alg: header.get(1), kid: isBytes(kid) ? utf8.decode(kid) : null, claims: claims
    };
  }

  function fetchKeys() {
    return fetch(cfg.jwksUrl).then(function (response) {
      if (!response.ok) throw new Error("keys");
      return response.json();
    }).catch(function () {
      if (!window.caches) throw new Error("keys");
      return caches.match(cfg.jwksUrl, {ignoreVary: true}).then(function (found) {
        if (!found) throw new Error("keys");
        return found.json();
      });
    });
  }

  function verify(digits) {
    var parts;
    try { parts = parse(digits); } catch (error) { return Promise.resolve({state: "forged", problem: T.unreadable}); }
    if (parts.alg !== -7) return Promise.resolve({state: "forged", problem: T.bad_algorithm});
    if (!window.crypto || !crypto.subtle) return Promise.resolve({state: "unverifiable", problem: T.no_crypto});
    return fetchKeys().then(function (jwks) {
      var jwk = (jwks.keys || []).filter(function (key) { return key.kid === parts.kid; })[0];
      if (!jwk || parts.kid === null) return {state: "forged", problem: T.unknown_key};
      if (parts.signature.length !== 64) return {state: "forged", problem: T.bad_signature};
      return crypto.subtle.importKey("jwk", {kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true},
        {name: "ECDSA", namedCurve: "P-256"}, false, ["verify"]).then(function (key) {
        return crypto.subtle.verify({name: "ECDSA", hash: "SHA-256"}, key, parts.signature,
          sigStructure(parts.protectedBytes, parts.payload));
      }).then(function (ok) {
        return ok ? {state: "genuine", kid: parts.kid, claims: parts.claims}
          : {state: "forged", problem: T.bad_signature};
      }, function () { return {state: "forged", problem: T.bad_signature}; });
    }, function () { return {state: "unverifiable", problem: T.no_keys}; });
  }

  /* --- Display ----------------------------------------------------------------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
  }
  function dateOf(iso) {
    var date = new Date(iso.length === 10 ? iso + "T00:00:00Z" : iso);
    if (isNaN(date)) return iso;
    var options = iso.length === 10 ? {dateStyle: "long", timeZone: "UTC"} : {dateStyle: "long", timeStyle: "short"};
    return new Intl.DateTimeFormat(lang, options).format(date);
  }
  function verdict(ok, title, lines) {
    var box = el("div", "verdict " + (ok ? "verdict-ok" : "verdict-bad"));
    if (!ok) box.setAttribute("role", "alert");
    var heading = el("h2");
    heading.appendChild(el("span", null, ok ? "✓ " : "✗ ")).setAttribute("aria-hidden", "true");
    heading.appendChild(document.createTextNode(title));
    box.appendChild(heading);
    lines.forEach(function (line) { if (line) box.appendChild(el("p", null, line)); });
    return box;
  }
  function hex(bytes) {
    return Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function claimsList(outcome) {
    var c = outcome.claims, list = el("dl", "claims"), codeCell = el("dd", "claim-code");
    var iss = String(c.get("iss") || ""), domain = iss;
    try { domain = new URL(iss).hostname; } catch (error) { /* not a URL: show it as is */ }
    function row(label, value, cell) {
      var pair = el("div");
      pair.appendChild(el("dt", null, label));
      cell = cell || el("dd");
      if (value !== undefined) cell.textContent = value;
      pair.appendChild(cell);
      list.appendChild(pair);
    }
    row(T.name, c.get("n"), el("dd", "claim-name"));
    row(T.course, c.get("ct"));
    row(T.course_code, c.get("cc"));
    row(T.hours, c.get("h"));
    row(T.completed_on, dateOf(String(c.get("cd") || "")));
    row(T.issued_on, typeof c.get("iat") === "number" ? dateOf(new Date(c.get("iat") * 1000).toISOString()) : "");
    row(T.issuer, iss);
    row(T.domain, domain);
    row(T.short_code, "…", codeCell);
    row(T.key_id, outcome.kid);
    return {list: list, codeCell: codeCell};
  }

  function statusUrlOf(serialHex) {
    return cfg.statusUrl.replace(/0{32}/, serialHex);
  }

  function fetchStatus(serialHex) {
    var path = statusUrlOf(serialHex);
    return fetch(path + "?lang=" + encodeURIComponent(lang), {cache: "no-store", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (response.status === 429) return {limited: true};
        if (!response.ok) throw new Error("status");
        return response.json().then(function (data) {
          if (window.caches) {
            caches.open(CACHE).then(function (cache) {
              return cache.put(path, new Response(JSON.stringify(data), {headers: {"Content-Type": "application/json"}}));
            }).catch(function () {});
          }
          return {data: data, live: true};
        });
      })
      .catch(function () {
        if (!window.caches) return {};
        return caches.match(path).then(function (found) {
          return found ? found.json().then(function (data) { return {data: data, live: false}; }) : {};
        }).catch(function () { return {}; });
      });
  }

  function statusBox(answer) {
    var data = answer.data, box = el("div", "status");
    if (answer.limited) { box.appendChild(el("p", null, T.too_many)); return box; }
    if (!data) { box.className = "status status-offline"; box.appendChild(el("p", null, T.no_status)); return box; }
    var names = {valid: T.valid, revoked: T.revoked, superseded: T.superseded, unknown: T.unknown};
    box.className = "status status-" + data.status;
    var label = el("p", "status-label", T.status + ": ");
    label.appendChild(el("strong", null, names[data.status] || T.unknown));
    box.appendChild(label);
    if (data.status === "valid") box.appendChild(el("p", null, T.valid_help));
    if (data.status === "unknown") box.appendChild(el("p", null, T.unknown_help));
    if (data.status === "revoked") {
      var line = data.revoked_on ? fill(T.revoked_on, {date: dateOf(data.revoked_on)}) : "";
      if (data.reason) line += (line ? " " : "") + fill(T.reason, {reason: data.reason});
      box.appendChild(el("p", null, line));
    }
    if (data.status === "superseded") {
      box.appendChild(el("p", null, T.superseded_help));
      if (data.superseded_by_code) {
        var link = el("a", null, fill(T.superseded_link, {code: data.superseded_by_code}));
        link.href = cfg.codeUrl.replace("CODE", encodeURIComponent(data.superseded_by_code)) +
          (location.search.indexOf("lang=") !== -1 ? "?lang=" + encodeURIComponent(lang) : "");
        var p = el("p");
        p.appendChild(link);
        box.appendChild(p);
      }
    }
    box.appendChild(el("p", "help", fill(answer.live ? T.checked_at : T.last_known, {date: dateOf(data.checked_at)})));
    return box;
  }

  /* --- Comparing a PDF with the one issued (the file never leaves the device) --- */
  var pdfSection = document.getElementById("pdf-check");
  var pdfInput = document.getElementById("pdf-file");
  var pdfResult = document.getElementById("pdf-result");
  var issuedSha256 = null;

  function comparePdf(file) {
    if (!file || !issuedSha256) return;
    pdfResult.className = "pdf-result";
    pdfResult.textContent = T.pdf_checking;
    file.arrayBuffer().then(function (buffer) {
      return crypto.subtle.digest("SHA-256", buffer);
    }).then(function (digest) {
      var same = hex(new Uint8Array(digest)) === issuedSha256.toLowerCase();
      pdfResult.className = "pdf-result " + (same ? "pdf-same" : "pdf-differs");
      pdfResult.textContent = same ? T.pdf_same : T.pdf_differs;
    });
  }
  pdfInput.addEventListener("change", function () { comparePdf(pdfInput.files[0]); });
  var zone = pdfSection.querySelector(".drop-zone");
  zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("drop-over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("drop-over"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("drop-over");
    comparePdf(event.dataTransfer.files[0]);
  });

  /* --- The whole check ------------------------------------------------------------ */
  var run = 0;
  function check(digits) {
    var mine = ++run;
    pdfSection.hidden = true;
    issuedSha256 = null;
    result.replaceChildren(el("p", "checking", T.checking));
    verify(digits).then(function (outcome) {
      if (mine !== run) return;
      if (outcome.state === "forged") {
        result.replaceChildren(verdict(false, T.forged, [outcome.problem, T.forged_help]));
        return;
      }
      if (outcome.state === "unverifiable") {
        result.replaceChildren(verdict(false, T.unverifiable, [outcome.problem]));
        return;
      }
      var shown = claimsList(outcome), waiting = el("p", "checking", T.checking);
      var genuine = verdict(true, T.genuine, [T.genuine_help]);
      result.replaceChildren(genuine, waiting, shown.list);
      var serial = outcome.claims.get("sn");
      if (!isBytes(serial) || serial.length !== 16) { waiting.replaceWith(statusBox({})); return; }
      fetchStatus(hex(serial)).then(function (answer) {
        if (mine !== run) return;
        waiting.replaceWith(statusBox(answer));
        // Genuine but no longer valid: the headline stops being green.
        if (answer.data && answer.data.status !== "valid") genuine.className = "verdict verdict-warn";
        if (answer.data && answer.data.short_code) shown.codeCell.textContent = answer.data.short_code;
        if (answer.data && answer.data.pdf_sha256) {
          issuedSha256 = answer.data.pdf_sha256;
          pdfSection.hidden = false;
        }
      });
    });
  }

  function fromLocation() {
    var digits = cfg.digits || location.hash.replace(/^#/, "");
    if (cfg.serverVerdict === "forged") return;  // the server found the stored record altered
    if (digits) check(digits);
  }

  // The language links keep the fragment (it holds the certificate).
  function keepFragment() {
    Array.prototype.forEach.call(document.querySelectorAll(".lang-link"), function (link) {
      link.href = link.href.split("#")[0] + location.hash;
    });
  }

  window.addEventListener("hashchange", function () { keepFragment(); fromLocation(); });
  keepFragment();
  fromLocation();

  if ("serviceWorker" in navigator && cfg.swUrl) {
    navigator.serviceWorker.register(cfg.swUrl, {scope: cfg.scope}).catch(function () {});
  }
})();
