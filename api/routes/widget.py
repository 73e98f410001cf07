"""The embeddable chat widget (one script) and a demo page that embeds it."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response

from api.deps import SettingsDep

router = APIRouter(tags=["widget"])


def _static(name: str) -> str:
    return resources.files("api").joinpath("static", name).read_text(encoding="utf-8")


@router.get("/widget.js", response_class=Response, responses={200: {"content": {"text/javascript": {}}}})
async def widget_js() -> Response:
    """The widget: one file, no dependencies. Embed it with a script tag (see the README)."""
    return Response(
        _static("widget.js"), media_type="text/javascript", headers={"Cache-Control": "public, max-age=300"}
    )


@router.get("/demo", response_class=HTMLResponse)
async def demo_page(settings: SettingsDep) -> HTMLResponse:
    """A page that embeds the widget for an anonymous visitor. Off when MULAKAT_DEMO=false."""
    if not settings.demo:
        raise HTTPException(404, "the demo is turned off on this server")
    return HTMLResponse(_static("demo.html"))
