"""The development server: serves the built site as a real host would (MIME types, ranges,
folder indexes, the site's 404 page, nothing outside the output folder), rebuilds on change and
tells open pages to reload over a WebSocket."""

from __future__ import annotations

import asyncio
import json
import mimetypes
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from aiohttp import WSMsgType, web

from ..config import Options, load_config, output_folder
from ..errors import SiteError
from ..models import raise_failures, sync_models
from .session import Session
from .watch import Watcher

CLIENT = Path(__file__).with_name("client.js")
STYLE_EXTS = {".css", ".scss", ".sass"}
MIME_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
              ".json": "application/json", ".map": "application/json",
              ".bin": "application/octet-stream", ".mp4": "video/mp4", ".webm": "video/webm",
              ".ogv": "video/ogg", ".svg": "image/svg+xml", ".xml": "application/xml",
              ".webmanifest": "application/manifest+json", ".woff2": "font/woff2"}
for _ext, _type in MIME_TYPES.items():
    mimetypes.add_type(_type, _ext)


@dataclass
class State:
    """What the server knows between builds."""

    options: Options
    session: Session
    dest: Path
    baseurl: str = ""
    livereload: bool = True
    error: SiteError | None = None
    sockets: set[web.WebSocketResponse] = field(default_factory=set)
    converting: bool = False        # a model conversion runs in the background
    convert_again: bool = False     # models changed again while it ran
    tasks: set[asyncio.Task] = field(default_factory=set)   # held until done (asyncio won't)

    def start(self, job: Any) -> None:
        """Run `job` beside the server; stopping the server cancels it."""
        task = asyncio.create_task(job)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)


def where_served(options: Options) -> tuple[Path, str]:
    """The folder to serve and its URL prefix, from the config as given (so that a broken
    config still serves the last good build at the right place)."""
    try:
        config = load_config(options)
        dest, baseurl = Path(config["destination"]), str(config.get("baseurl") or "")
    except SiteError:
        dest = output_folder(options)
        baseurl = options.baseurl or ""
    return dest, "/" + baseurl.strip("/") if baseurl.strip("/") else ""


async def report_failure(state: State, err: Exception) -> None:
    """A failed build or conversion: shown in the terminal and in every open page, while the
    last good build stays served."""
    state.error = failure(err)
    print(f"error: {state.error}\nstill serving the last good build", flush=True)
    await broadcast(state, error_message(state.error))


def failure(err: Exception) -> SiteError:
    """What to show for a failed build: the site's error, or sitegen's own (a bug, with its
    traceback in the terminal), so that the server keeps serving either way."""
    if isinstance(err, SiteError):
        return err
    traceback.print_exception(err)
    return SiteError(f"sitegen failed: {type(err).__name__}: {err} (a bug in sitegen; the "
                     "traceback is in the terminal)")


def resolve(dest: Path, rel: str) -> Path | None:
    """The file for a URL path inside `dest`, or None if it is not there or would leave it."""
    if "\0" in rel:
        return None
    root = dest.resolve()
    candidate = (root / rel.lstrip("/")).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return candidate


async def handle(request: web.Request) -> web.StreamResponse:
    state: State = request.app["state"]
    path = unquote(request.path)
    if state.baseurl:
        if path == "/" or not (path == state.baseurl or path.startswith(state.baseurl + "/")):
            if path == "/":
                raise web.HTTPFound(state.baseurl + "/")
            return await not_found(state)
        path = path[len(state.baseurl):] or "/"
    target = resolve(state.dest, path)
    if target is None:
        return await not_found(state, status=403)
    if target.is_dir():
        if not request.path.endswith("/"):
            raise web.HTTPMovedPermanently(request.path + "/")
        target = target / "index.html"
    elif not target.exists() and not target.suffix:
        target = target.with_name(target.name + ".html")   # pretty URLs: /about → about.html
    if not target.is_file():
        return await not_found(state)
    return file_response(state, target)


def file_response(state: State, target: Path, status: int = 200) -> web.StreamResponse:
    headers = {"Cache-Control": "no-cache"}
    if target.suffix in (".html", ".htm") and state.livereload:
        html = target.read_text(encoding="utf-8", errors="replace")
        return web.Response(text=inject(html, state), status=status,
                            content_type="text/html", charset="utf-8", headers=headers)
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return web.FileResponse(target, status=status,
                            headers={**headers, "Content-Type": content_type})


def inject(html: str, state: State) -> str:
    """The live-reload client (and the current build error) at the end of the page."""
    error = f"<script>window.__sitegenError={json.dumps(error_message(state.error))};</script>" \
        if state.error else ""
    tag = f'{error}<script src="/__sitegen/livereload.js" defer></script>'
    index = html.lower().rfind("</body>")
    return html[:index] + tag + html[index:] if index >= 0 else html + tag


async def not_found(state: State, status: int = 404) -> web.StreamResponse:
    page = state.dest / "404.html"
    if status == 404 and page.is_file():
        return file_response(state, page, status=404)
    return web.Response(status=status, text="Not Found" if status == 404 else "Forbidden")


async def client_script(request: web.Request) -> web.StreamResponse:
    return web.Response(text=CLIENT.read_text(), content_type="text/javascript",
                        headers={"Cache-Control": "no-cache"})


async def livereload(request: web.Request) -> web.WebSocketResponse:
    state: State = request.app["state"]
    socket = web.WebSocketResponse(heartbeat=30)
    await socket.prepare(request)
    state.sockets.add(socket)
    if state.error:
        await socket.send_str(json.dumps(error_message(state.error)))
    try:
        async for message in socket:
            if message.type == WSMsgType.ERROR:
                break
    finally:
        state.sockets.discard(socket)
    return socket


def error_message(error: SiteError | None) -> dict[str, Any]:
    if error is None:
        return {"type": "ok"}
    return {"type": "error", "message": str(error), "path": error.path, "line": error.line,
            "column": error.column}


async def broadcast(state: State, message: dict[str, Any]) -> None:
    text = json.dumps(message)
    for socket in list(state.sockets):
        try:
            await socket.send_str(text)
        except (ConnectionError, RuntimeError):
            state.sockets.discard(socket)


async def rebuild(state: State, changed: set[Path]) -> None:
    """Build again; tell the pages to reload, swap CSS, or show the error."""
    loop = asyncio.get_running_loop()
    try:
        update = await loop.run_in_executor(None, state.session.update, changed)
    except Exception as err:   # noqa: BLE001 - whatever broke, the last good build stays up
        await report_failure(state, err)
        return
    had_error, state.error = state.error is not None, None
    only_styles = bool(changed) and all(p.suffix in STYLE_EXTS for p in changed)
    kind = "css" if only_styles and not had_error else "reload"
    print(f"{update.kind} rebuild: {update.files} files written in {update.seconds * 1000:.0f} ms "
          f"({len(changed)} changed); {kind}", flush=True)
    await broadcast(state, {"type": kind})


async def convert_models(state: State) -> None:
    """Convert stale models aside, so that content edits keep rebuilding meanwhile. The swapped-in
    bundle is a change under assets/, which the watcher turns into a rebuild and a reload."""
    if state.converting:
        state.convert_again = True
        return
    state.converting = True
    loop = asyncio.get_running_loop()
    source = Path(state.options.source)
    try:
        while True:
            state.convert_again = False
            try:
                states = await loop.run_in_executor(
                    None, lambda: sync_models(source, log=lambda m: print(m, flush=True)))
                raise_failures(states)
            except Exception as err:   # noqa: BLE001 - as for a build: shown, not fatal
                await report_failure(state, err)
            if not state.convert_again:
                break
    finally:
        state.converting = False


async def watch_loop(state: State, watcher: Watcher) -> None:
    models = (Path(state.options.source) / "_models").resolve()
    while True:
        changed = await watcher.changes()
        # A model edit only converts (aside); the swapped-in bundle then rebuilds and reloads.
        content = {p for p in changed if not p.resolve().is_relative_to(models)}
        if content != changed:
            state.start(convert_models(state))
        if content:
            await rebuild(state, content)


def make_app(state: State) -> web.Application:
    app = web.Application()
    app["state"] = state
    app.router.add_get("/__sitegen/livereload.js", client_script)
    app.router.add_get("/__sitegen/livereload", livereload)
    app.router.add_route("GET", "/{tail:.*}", handle)
    app.router.add_route("HEAD", "/{tail:.*}", handle)
    return app


async def serve(options: Options, host: str, port: int, livereload_on: bool) -> None:
    """Build once (a failure is shown, not fatal), then serve and rebuild until stopped."""
    # Models convert in the background, so that a build never waits for TensorFlow.
    options = replace(options, convert_models=False)
    dest, baseurl = where_served(options)
    state = State(options=options, session=Session(options), dest=dest, baseurl=baseurl,
                  livereload=livereload_on)
    try:
        # The first build runs before any thread: it may render in forked processes. Later
        # builds run in a thread beside the server and render in this process.
        update = state.session.full(parallel=True)
        print(f"built {update.files} files in {update.seconds:.2f} s", flush=True)
    except Exception as err:   # noqa: BLE001 - shown in the browser; the next save retries
        state.error = failure(err)
        print(f"error: {state.error}", flush=True)
    watcher = Watcher(Path(options.source), state.dest)
    watcher.start()
    runner = web.AppRunner(make_app(state), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    print(f"serving at http://{host}:{port}{state.baseurl}/ (Ctrl-C to stop)", flush=True)
    state.start(convert_models(state))
    try:
        await watch_loop(state, watcher)
    finally:
        for task in list(state.tasks):
            task.cancel()
        watcher.stop()
        await runner.cleanup()
