// sitegen live reload: a page reloads after a rebuild, stylesheets are swapped in place when only
// CSS changed, and a build error is shown over the page until the next good build.
(() => {
  const url = new URL("/__sitegen/livereload", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const overlayId = "sitegen-error-overlay";

  function showError(error) {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.92);color:#ffd7d7;padding:2rem;" +
        "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "sitegen: the last build failed; showing the previous good build.\n\n" +
      error.message;
  }

  function clearError() {
    document.getElementById(overlayId)?.remove();
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = new URL(link.href);
      href.searchParams.set("sitegen-reload", Date.now());
      link.href = href.toString();
    }
  }

  function connect() {
    const socket = new WebSocket(url);
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "reload") location.reload();
      else if (message.type === "css") { clearError(); swapStylesheets(); }
      else if (message.type === "error") showError(message);
      else if (message.type === "ok") clearError();
    };
    socket.onclose = () => setTimeout(connect, 1000);
  }

  if (window.__sitegenError) showError(window.__sitegenError);
  connect();
})();
