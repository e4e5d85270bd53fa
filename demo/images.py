"""Demo pictures drawn with Pillow: nothing is downloaded."""

import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

FOREST = (31, 77, 58)
BERRY = (164, 22, 26)
ROOT = (201, 154, 91)
CREAM = (250, 247, 240)


def _jpeg(image, quality=82):
    buffer = BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def landscape(seed, size=(1600, 900)):
    """Mountains in layers, a forest canopy and a mist band: the Hoàng Liên Sơn range."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top = (rng.randint(150, 200), rng.randint(190, 220), rng.randint(210, 240))
    bottom = (240, 236, 220)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)),
        )
    for layer in range(5):
        shade = 40 + layer * 22
        colour = (shade // 2, shade + 30, shade // 2 + 20)
        base = int(height * (0.35 + layer * 0.13))
        points = [(0, height)]
        x = 0
        while x <= width:
            points.append((x, base - rng.randint(0, int(height * 0.18))))
            x += rng.randint(60, 160)
        points += [(width, height)]
        draw.polygon(points, fill=colour)
    for _ in range(120):
        x = rng.randint(0, width)
        y = rng.randint(int(height * 0.6), height)
        r = rng.randint(10, 40)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(20, rng.randint(60, 90), 40))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    return _jpeg(image)


def product_picture(kind, seed, size=(900, 900)):
    """A stylised picture of the product: root, slices, jar, bottle, tea box or seedling."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, CREAM)
    draw = ImageDraw.Draw(image)
    w, h = size
    bg = (239 - rng.randint(0, 20), 232 - rng.randint(0, 20), 216 - rng.randint(0, 20))
    draw.rounded_rectangle((40, 40, w - 40, h - 40), radius=60, fill=bg)
    cx, cy = w // 2, h // 2
    if kind in ("fresh-root", "dried-root"):
        colour = ROOT if kind == "fresh-root" else (150, 105, 60)
        for _ in range(rng.randint(3, 6)):
            dx = rng.randint(-150, 150)
            draw.line((cx, cy - 80, cx + dx, cy + 250), fill=colour, width=rng.randint(14, 30))
        draw.ellipse((cx - 110, cy - 200, cx + 110, cy + 40), fill=colour)
        for i in range(5):
            y = cy - 190 + i * 40
            draw.arc((cx - 100, y - 10, cx + 100, y + 10), 0, 180, fill=(120, 80, 40), width=3)
        if kind == "fresh-root":
            draw.line((cx, cy - 200, cx, cy - 330), fill=FOREST, width=10)
            for ang in (-60, 0, 60):
                draw.ellipse((cx - 60 + ang, cy - 400, cx + 60 + ang, cy - 320), fill=FOREST)
            draw.ellipse((cx - 25, cy - 380, cx + 25, cy - 330), fill=BERRY)
    elif kind == "slices":
        for _ in range(14):
            x = rng.randint(180, w - 180)
            y = rng.randint(180, h - 180)
            r = rng.randint(50, 90)
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=(214, 180, 120), outline=(150, 105, 60), width=6
            )
            draw.ellipse((x - r // 3, y - r // 3, x + r // 3, y + r // 3), fill=(190, 150, 90))
    elif kind == "honey":
        draw.rounded_rectangle(
            (cx - 190, cy - 170, cx + 190, cy + 290), radius=50, fill=(222, 150, 30)
        )
        draw.rectangle((cx - 150, cy - 250, cx + 150, cy - 170), fill=FOREST)
        for _ in range(6):
            x = rng.randint(cx - 130, cx + 130)
            y = rng.randint(cy - 120, cy + 230)
            draw.ellipse((x - 40, y - 22, x + 40, y + 22), fill=(170, 100, 30))
    elif kind == "wine":
        draw.rounded_rectangle(
            (cx - 140, cy - 120, cx + 140, cy + 330), radius=40, fill=(150, 60, 20)
        )
        draw.rectangle((cx - 50, cy - 330, cx + 50, cy - 120), fill=(150, 60, 20))
        draw.rectangle((cx - 60, cy - 360, cx + 60, cy - 320), fill=FOREST)
        draw.line((cx, cy - 80, cx + 30, cy + 280), fill=ROOT, width=26)
        draw.rectangle((cx - 110, cy + 60, cx + 110, cy + 180), fill=CREAM)
    elif kind == "tea":
        draw.rounded_rectangle((cx - 220, cy - 260, cx + 220, cy + 260), radius=20, fill=FOREST)
        draw.rectangle((cx - 220, cy - 40, cx + 220, cy + 40), fill=BERRY)
        for _ in range(12):
            x = rng.randint(cx - 200, cx + 200)
            y = rng.randint(cy + 80, cy + 240)
            draw.ellipse((x - 18, y - 9, x + 18, y + 9), fill=(120, 150, 80))
    else:  # seedling
        draw.rounded_rectangle(
            (cx - 160, cy + 80, cx + 160, cy + 300), radius=30, fill=(110, 70, 40)
        )
        draw.line((cx, cy + 90, cx, cy - 150), fill=FOREST, width=12)
        for ang in (-120, 0, 120):
            draw.ellipse((cx - 70 + ang, cy - 260, cx + 70 + ang, cy - 150), fill=(60, 140, 80))
    return _jpeg(image.filter(ImageFilter.SMOOTH))
