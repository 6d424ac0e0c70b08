"""The kiosk's home screen as one self-contained web page, for the Chromium comparison.

Built from the bundle as the kiosk builds its home screen: the top bar with the partnership's name
and "Leave quickly", the title and subtitle, the home choices as large touch buttons (label and
detail), and the reading-help bar, in the bundled Noto Sans (regular and bold, `@font-face` with
file:// URLs), with the theme's colours and Theme.qml's sizes, laid out for 1920x1080. Nothing is
fetched from a network. `PROBE` reports, on the console, when the whole page is on screen in its
own font (see benchmarks/chromium.py).

    python -m benchmarks.chromium_page out/home.html   # to open in a browser
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from string import Template

from kiosk.core import languages, theme
from kiosk.core.content.model import Bundle
from kiosk.core.content.text import display_number, fill
from kiosk.core.resources import asset

MARKER = "kiosk-bench"

# The kiosk's own words on the home screen, in the source language: TopBar.qml and AccessBar.qml
# (on the home screen "Back" and "Start again" are hidden, and nothing is being read aloud).
LEAVE = "Leave quickly"
ACCESS_BAR = (("Listen",), ("Text size", "Standard"), ("High contrast", "Off"))
EASY_READ = "Easy Read"
LANGUAGE = "Language"

PAGE = Template("""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Information point</title>
<style>
@font-face { font-family: "Noto Sans"; font-weight: 400; font-display: block; src: url("$regular"); }
@font-face { font-family: "Noto Sans"; font-weight: 700; font-display: block; src: url("$bold"); }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { display: flex; flex-direction: column; font-family: "Noto Sans"; background: $background;
       color: $ink; }
button { font: inherit; color: inherit; text-align: left; min-height: 72px; min-width: 144px;
         border-radius: 14px; border: 2px solid $border; background: $surface;
         padding: 12px 30px; cursor: pointer; }
header { position: relative; display: flex; align-items: center; justify-content: center;
         min-height: 96px; padding: 12px 16px; background: $surface;
         border-bottom: 2px solid $border; }
header p { margin: 0; font-size: 22px; color: $inkMuted; }
header button { position: absolute; right: 16px; font-size: 28px; font-weight: 700; }
.exit { background: $exit; color: $exitInk; border: 0; }
main { flex: 1; overflow-y: auto; }
.page { width: min(1300px, calc(100% - 80px)); margin: 40px auto; }
.title { display: flex; gap: 16px; align-items: center; }
.title img { height: 72px; max-width: 320px; }
h1 { margin: 0; font-size: 46px; font-weight: 700; }
.subtitle { margin: 32px 0; font-size: 30px; line-height: 1.63; color: $inkMuted; }
.choices { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
@media (max-width: 980px) { .choices { grid-template-columns: 1fr; } }
.choice { position: relative; min-height: 140px; }
.choice::before { content: ""; position: absolute; left: 8px; top: 8px; bottom: 8px; width: 10px;
                  border-radius: 4px; background: $primary; }
.choice.urgent { background: $urgent; color: $urgentInk; border: 0; }
.choice.urgent::before { background: $urgentInk; }
.label { display: block; font-size: 30px; font-weight: 700; }
.detail { display: block; margin-top: 4px; font-size: 22px; }
footer { display: flex; flex-wrap: wrap; gap: 16px; padding: 12px 16px; background: $surface;
         border-top: 2px solid $border; }
footer button { font-size: 24px; font-weight: 700; }
</style>
</head>
<body>
<header>
<p elementtiming="partnership">$partnership</p>
<button class="exit" elementtiming="leave">$leave</button>
</header>
<main><div class="page">
<div class="title">$logo<h1 elementtiming="title">$title</h1></div>
<p class="subtitle" elementtiming="subtitle">$subtitle</p>
<div class="choices">
$choices
</div>
</div></main>
<footer>
$access
</footer>
<script>
$probe
</script>
</body>
</html>
""")

# Reports when every marked text is on screen in its own font; see benchmarks/chromium.py.
PROBE = """(() => {
  const marks = document.querySelectorAll("[elementtiming]").length;
  const shown = new Map();
  let fontsLoaded = false, sent = false;
  const send = (frame, how) => {
    if (sent) return;
    sent = true;
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const fcp = paint ? performance.timeOrigin + paint.startTime : -1;
    console.log(`MARKER frame=${frame} fcp=${fcp} how=${how} marks=${shown.size}/${marks}` +
                ` width=${innerWidth} height=${innerHeight}`);
  };
  const check = () => {
    if (fontsLoaded && shown.size === marks)
      send(performance.timeOrigin + Math.max(...shown.values()), "element-timing");
  };
  if (PerformanceObserver.supportedEntryTypes.includes("element")) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shown.set(entry.identifier, entry.renderTime || entry.loadTime);
      check();
    }).observe({type: "element", buffered: true});
  }
  const faces = [];
  document.fonts.forEach((face) => faces.push(face.loaded));
  Promise.all(faces).then(() => {
    fontsLoaded = true;
    check();
    if (!PerformanceObserver.supportedEntryTypes.includes("element"))
      requestAnimationFrame(() => requestAnimationFrame(
        () => send(performance.timeOrigin + performance.now(), "two-frames")));
  });
})();""".replace("MARKER", MARKER)


def _shown_text(bundle: Bundle):  # noqa: ANN202 - str -> str
    """Bundle text as the kiosk's home screen shows it: numbers filled in, kept left-to-right."""
    shown = {k: v if "@" in v else display_number(v) for k, v in bundle.contact_numbers().items()}
    return lambda value: fill(value, shown.__getitem__) if value else ""


def access_bar(bundle: Bundle) -> list[str]:
    """The reading-help bar's buttons on the home screen, in the source language."""
    labels = [": ".join(parts) for parts in ACCESS_BAR]
    if not bundle.languages or languages.EASY_READ in bundle.languages:
        labels.append(EASY_READ)
    labels.append(f"{LANGUAGE}: {languages.language('en_GB').name}")
    return labels


def home_page(bundle: Bundle) -> str:
    """The kiosk's home screen as one self-contained HTML page (fonts and logo from local files)."""
    text = _shown_text(bundle)

    def esc(value: str) -> str:
        return html.escape(value, quote=False)

    choices = []
    for i, choice in enumerate(bundle.home):
        detail = (
            f'<span class="detail" elementtiming="detail-{i}">{esc(text(choice.detail))}</span>'
            if choice.detail
            else ""
        )
        choices.append(
            f'<button class="choice {html.escape(choice.style)}" data-target="{html.escape(choice.target)}">'
            f'<span class="label" elementtiming="label-{i}">{esc(text(choice.label))}</span>{detail}</button>'
        )
    logo = (
        f'<img src="{bundle.logo.as_uri()}" alt="{html.escape(text(bundle.name))}" elementtiming="logo">'
        if bundle.logo
        else ""
    )
    colours = theme.with_bundle_colours(bundle.theme) if bundle.theme else theme.STANDARD
    return PAGE.substitute(
        colours,
        regular=asset("fonts/NotoSans-Regular.ttf").as_uri(),
        bold=asset("fonts/NotoSans-Bold.ttf").as_uri(),
        partnership=esc(text(bundle.name)),
        leave=esc(LEAVE),
        logo=logo,
        title=esc(text(bundle.title)),
        subtitle=esc(text(bundle.subtitle)),
        choices="\n".join(choices),
        access="\n".join(
            f'<button elementtiming="access-{i}">{esc(label)}</button>'
            for i, label in enumerate(access_bar(bundle))
        ),
        probe=PROBE,
    )


if __name__ == "__main__":
    from kiosk.core.content.loader import load_bundle
    from kiosk.core.resources import builtin_bundle

    Path(sys.argv[1]).write_text(home_page(load_bundle(builtin_bundle())), encoding="utf-8")
