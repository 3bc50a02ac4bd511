"""The member's check-in QR: a standard QR code (not Micro QR, which WeChat and phone cameras cannot
read), served as a self-contained SVG document with its namespace so browsers draw it in an <img>."""
from __future__ import annotations

import io

import segno


def checkin_qr(code: str) -> segno.QRCode:
    return segno.make_qr(code, error="m")


def checkin_qr_svg(code: str) -> bytes:
    buf = io.BytesIO()
    # xmldecl + svgns: an SVG served on its own needs xmlns="http://www.w3.org/2000/svg" or no browser shows it;
    # border 4 is the quiet zone the standard asks for.
    checkin_qr(code).save(buf, kind="svg", scale=8, border=4, xmldecl=True, svgns=True, dark="#000", light="#fff")
    return buf.getvalue()
