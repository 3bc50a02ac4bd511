"""Photos for the demo union's records (an activity, a visit, a study session, a candidate, a suggestion): real
JPEG images drawn here, so the demo's pages show pictures after ``./run`` without a file from anywhere else, and
the phone walk (core/tests/test_phone_width.py) sees every photo and thumbnail page the way a user does."""
from __future__ import annotations

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

# Scenes in the platform's palette: sky over a field, with a few people (circles on bars) in front.
SKIES = [(120, 170, 220), (236, 196, 140), (170, 200, 190), (200, 180, 220)]
GROUNDS = [(90, 140, 80), (180, 60, 50), (120, 110, 100), (70, 110, 150)]


def demo_photo(seed: int, *, size: tuple[int, int] = (640, 480), name: str = "photo.jpg") -> SimpleUploadedFile:
    """A small landscape JPEG (about 20 KB), the same for the same ``seed``, as an upload for the services."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, SKIES[seed % len(SKIES)])
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    draw.rectangle([0, horizon, width, height], fill=GROUNDS[seed % len(GROUNDS)])
    draw.ellipse([width - 140, 30, width - 60, 110], fill=(250, 230, 150))
    for _ in range(rng.randint(3, 7)):
        x, y = rng.randint(20, width - 60), rng.randint(horizon - 60, height - 120)
        shirt = tuple(rng.randint(40, 230) for _ in range(3))
        draw.ellipse([x + 8, y, x + 40, y + 32], fill=(235, 200, 170))
        draw.rectangle([x, y + 34, x + 48, y + 110], fill=shirt)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def demo_portrait(seed: int) -> SimpleUploadedFile:
    """A head-and-shoulders picture in the 3:4 of an ID photo (a candidate on the ballot)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (300, 400), (70, 120, 200) if seed % 2 else (200, 60, 60))
    draw = ImageDraw.Draw(image)
    draw.ellipse([95, 70, 205, 200], fill=(235, 200, 170))
    draw.pieslice([40, 220, 260, 480], 180, 360, fill=tuple(rng.randint(20, 90) for _ in range(3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile("portrait.jpg", out.getvalue(), content_type="image/jpeg")
