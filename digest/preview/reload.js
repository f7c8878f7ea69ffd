// Long-poll the preview server; reload once it has finished a newer build (as MkDocs' livereload).
(function () {
  var version = parseInt(document.currentScript.getAttribute("data-version"), 10);
  function poll() {
    fetch("/_reload?since=" + version, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.version !== version) { window.location.reload(); } else { poll(); }
      })
      .catch(function () { setTimeout(poll, 1000); });  // server restarting: try again
  }
  poll();
})();
