{% load static %}/* MuNet Aula verification page, offline: keep the page, its script and style and the
   published keys, so a certificate still verifies without a connection. Network first,
   the cache when the network fails. verify.js keeps the last status answers itself. */
"use strict";
var CACHE = "munet-verify-v1";
var PAGE = "{{ scope_url|escapejs }}";
var KEYS = "{{ jwks_url|escapejs }}";
var SHELL = [PAGE, KEYS, "{% static 'frontend/verify.js' as u %}{{ u|escapejs }}",
  "{% static 'frontend/verify.css' as u %}{{ u|escapejs }}", "{% static 'frontend/aula.css' as u %}{{ u|escapejs }}"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("munet-verify-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function kept(request) {
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== "GET") return false;
  if (request.mode === "navigate") return url.pathname === PAGE;
  return SHELL.indexOf(url.pathname) !== -1;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!kept(request)) return;
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    var options = {ignoreSearch: true, ignoreVary: true};
    return caches.match(request, options).then(function (found) {
      return found || (request.mode === "navigate" ? caches.match(PAGE, options) : undefined);
    }).then(function (found) { return found || Response.error(); });
  }));
});
