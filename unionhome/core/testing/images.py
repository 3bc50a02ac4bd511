"""Small real images for tests: uploads are decoded and re-encoded (core/uploads.py), so a test image must
be a picture, not just a signature. Pillow writes the same bytes again for these, so a test may compare
what was stored with what it sent."""
import io

from PIL import Image


def image_bytes(fmt: str, size=(4, 3), colour=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format=fmt)
    return buf.getvalue()


PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
