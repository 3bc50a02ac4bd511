"""QR codes: standard QR (not Micro QR, which WeChat and phone cameras cannot read), served as a self-contained SVG
document with its namespace so browsers draw it in an <img>. Used for the activity check-in code and the union's
入会申请 link."""
from __future__ import annotations

import io

import segno


def qr_code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error="m")


def qr_svg(text: str) -> bytes:
    buf = io.BytesIO()
    # xmldecl + svgns: an SVG served on its own needs xmlns="http://www.w3.org/2000/svg" or no browser shows it;
    # border 4 is the quiet zone the standard asks for.
    qr_code(text).save(buf, kind="svg", scale=8, border=4, xmldecl=True, svgns=True, dark="#000", light="#fff")
    return buf.getvalue()
