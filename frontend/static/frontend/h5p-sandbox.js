/* Loaded before the H5P player inside its sandboxed frame. The frame has an
 * opaque origin, where reading localStorage, sessionStorage or cookies throws;
 * H5P core reads them on start. Give it storage that lives in this page only. */
(function () {
  "use strict";
  function memoryStorage() {
    var items = {};
    return {
      get length() { return Object.keys(items).length; },
      key: function (i) { return Object.keys(items)[i] || null; },
      getItem: function (k) { return Object.prototype.hasOwnProperty.call(items, k) ? items[k] : null; },
      setItem: function (k, v) { items[k] = String(v); },
      removeItem: function (k) { delete items[k]; },
      clear: function () { items = {}; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try { window[name].length; } catch (error) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  });
  try { document.cookie; } catch (error) {
    Object.defineProperty(document, "cookie", { get: function () { return ""; }, set: function () {}, configurable: true });
  }
})();
