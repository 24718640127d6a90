"""Content-Security-Policy for every public page.

Scripts run only from the site's own files and the three inline scripts Material for MkDocs
9.8.1 writes into every page (allowed by hash). The first differs by page depth in one string,
so its hashes are listed for every depth. Nothing from the data can become an allowed script,
and `inline_scripts_allowed` lets the build stop if a page ever carries any other inline script
(for example after a theme upgrade), instead of publishing a page whose script is blocked.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Material 9.8.1's inline scripts, as it writes them (base.html); {base} is the page's base URL.
_SCOPE_SCRIPT = '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
_PALETTE_SCRIPT = 'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}'
_TABS_SCRIPT = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
MAX_DEPTH = 8


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def allowed_hashes(site_path: str = "/") -> list[str]:
    """site_path: the path of site_url; the 404 page, served at any depth, uses it as its base."""
    bases = [".", site_path] + ["/".join([".."] * n) for n in range(1, MAX_DEPTH + 1)]
    return [_hash(_SCOPE_SCRIPT.replace("{base}", b)) for b in bases] + [_hash(_PALETTE_SCRIPT), _hash(_TABS_SCRIPT)]


def policy(site_path: str = "/", preview: bool = False) -> str:
    """The policy as one meta content value. Styles stay open to inline use: plotly and Material set
    styles from script, and a style cannot run code. frame-ancestors cannot be set in a meta tag.
    preview: the page is served by `mkdocs serve`, whose live-reload script is inline and different
    on every request (no hash can allow it); never for a built site."""
    scripts = "'unsafe-inline'" if preview else " ".join(allowed_hashes(site_path))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' " + scripts,
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def inline_scripts_allowed(html: str, site_path: str = "/") -> bool:
    allowed = set(allowed_hashes(site_path))
    for attrs, body in _INLINE.findall(html):
        if "application/json" in attrs:
            continue  # data, never run
        if _hash(body) not in allowed:
            return False
    return True
