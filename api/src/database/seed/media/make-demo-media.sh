#!/usr/bin/env bash
# Regenerates the demo media of the "2026年度村社书记全员轮训" demo program:
#   demo-video.mp4     <- demo-video-slides.html (6 slides x 12 s, H.264 + AAC)
#   demo-handbook.pdf  <- demo-handbook.html     (A4, printed by Chromium)
#
# Required Debian packages (bookworm):
#   apt-get install -y chromium ffmpeg fonts-noto-cjk fonts-dejavu-core \
#                      python3-fonttools poppler-utils
#   (poppler-utils is only used for the summary printed at the end)
#
# Usage:  api/src/database/seed/media/make-demo-media.sh [video|pdf|all]
# Env:    CHROMIUM=/path/to/chromium (default /usr/bin/chromium)
#
# Output is reproducible with the same tool versions: ffmpeg runs
# single-threaded in bitexact mode without metadata, and the PDF dates are
# pinned. Other Chromium/ffmpeg/font versions may render slightly differently.
# If you change the slide count or length, update demo-media.json too.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
WHAT="${1:-all}"

SLIDES=6          # number of <section>s in demo-video-slides.html
SLIDE_SECONDS=12  # seconds per slide
FPS=10
W=854
H=480
TOTAL=$((SLIDES * SLIDE_SECONDS))

TC_FONT=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
CJK_REGULAR=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
CJK_BOLD=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
CJK_SC_INDEX=2    # face index of "Noto Sans CJK SC" inside the .ttc files

for f in "$CHROMIUM" "$TC_FONT" "$CJK_REGULAR" "$CJK_BOLD"; do
  [[ -e "$f" ]] || { echo "missing: $f (see package list at the top)" >&2; exit 1; }
done
command -v ffmpeg >/dev/null || { echo "missing: ffmpeg" >&2; exit 1; }

WORK="$(mktemp -d /tmp/lingyan-media.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1767225600  # 2026-01-01, used by fontTools for head.modified
export TZ=UTC

chromium_headless() {
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --no-default-browser-check --disable-extensions \
    --font-render-hinting=none --user-data-dir="$WORK/profile" "$@" >/dev/null 2>&1
}

make_video() {
  echo "==> rendering $SLIDES slides"
  local i inputs=()
  for ((i = 1; i <= SLIDES; i++)); do
    chromium_headless --force-device-scale-factor=1 --window-size="$W,$H" \
      --screenshot="$WORK/slide$i.png" "file://$DIR/demo-video-slides.html#$i"
    [[ -s "$WORK/slide$i.png" ]] || { echo "screenshot of slide $i failed" >&2; exit 1; }
    inputs+=(-loop 1 -framerate "$FPS" -t "$SLIDE_SECONDS" -i "$WORK/slide$i.png")
  done

  local total_mmss
  total_mmss="$(printf '%02d\\:%02d' $((TOTAL / 60)) $((TOTAL % 60)))"
  local concat_in=""
  for ((i = 0; i < SLIDES; i++)); do concat_in+="[$i:v]"; done

  # Video: slides back to back, a gold progress bar sliding in along the bottom
  # edge and a "mm:ss / mm:ss" timecode in the footer.
  # Audio: a quiet two-tone chime at every slide change, silence in between.
  cat >"$WORK/graph.txt" <<EOF
${concat_in}concat=n=${SLIDES}:v=1:a=0[slides];
color=c=0xE8B04A:s=${W}x6:r=${FPS}[bar];
[slides][bar]overlay=x='-w+W*t/${TOTAL}':y=H-h:eval=frame:shortest=1,
drawtext=fontfile=${TC_FONT}:fontsize=15:fontcolor=0xCFE9DA:x=w-52-tw:y=h-24-th/2:text='%{eif\:trunc(t/60)\:d\:2}\:%{eif\:mod(trunc(t),60)\:d\:2} / ${total_mmss}',
format=yuv420p[v];
aevalsrc='0.06*sin(2*PI*660*t)*exp(-5*mod(t,${SLIDE_SECONDS}))+0.03*sin(2*PI*990*t)*exp(-8*mod(t,${SLIDE_SECONDS}))':s=44100:d=${TOTAL}[a]
EOF

  echo "==> encoding demo-video.mp4"
  ffmpeg -y -hide_banner -loglevel error "${inputs[@]}" \
    -filter_complex_script "$WORK/graph.txt" -map '[v]' -map '[a]' \
    -c:v libx264 -profile:v main -level:v 3.1 -preset veryslow -tune stillimage -crf 24 \
    -g $((FPS * 6)) -sc_threshold 0 -r "$FPS" -pix_fmt yuv420p -threads 1 \
    -c:a aac -b:a 32k -ac 1 \
    -movflags +faststart -map_metadata -1 -map_chapters -1 \
    -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
    "$WORK/demo-video.mp4"
  mv "$WORK/demo-video.mp4" "$DIR/demo-video.mp4"
}

make_pdf() {
  echo "==> subsetting Noto Sans CJK SC to TrueType"
  mkdir -p "$WORK/pdf/fonts"
  cp "$DIR/demo-handbook.html" "$WORK/pdf/demo-handbook.html"
  # Every character of the HTML (plus ASCII) goes into the subset; CSS
  # generated content such as the page counter is covered by that too.
  local py=/usr/bin/python3
  [[ -x "$py" ]] || py=python3
  "$py" - "$DIR/demo-handbook.html" "$WORK/pdf/fonts" "$CJK_REGULAR" "$CJK_BOLD" "$CJK_SC_INDEX" <<'PY'
import sys
from fontTools import subset
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

html, outdir, regular, bold, index = sys.argv[1:6]
text = open(html, encoding="utf-8").read()
chars = "".join(sorted(set(text) | {chr(c) for c in range(0x20, 0x7F)}))

def build(src, out):
    font = TTFont(src, fontNumber=int(index))
    opts = subset.Options()
    opts.desubroutinize = True
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.layout_features = ["*"]
    opts.drop_tables += ["VORG", "DSIG"]
    sub = subset.Subsetter(opts)
    sub.populate(text=chars)
    sub.subset(font)
    # CFF -> quadratic TrueType outlines (Chromium's PDF backend can embed
    # TrueType as a CID font; CFF collections would be rasterised to Type 3).
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    post = font["post"]
    post.formatType = 3.0
    font.sfntVersion = "\0\1\0\0"
    font.save(out)
    print(f"    {out.split('/')[-1]}: {len(order)} glyphs")

build(regular, f"{outdir}/handbook-sans-regular.ttf")
build(bold, f"{outdir}/handbook-sans-bold.ttf")
PY

  echo "==> printing demo-handbook.pdf"
  chromium_headless --no-pdf-header-footer --run-all-compositor-stages-before-draw \
    --virtual-time-budget=10000 \
    --print-to-pdf="$WORK/demo-handbook.pdf" "file://$WORK/pdf/demo-handbook.html"
  [[ -s "$WORK/demo-handbook.pdf" ]] || { echo "printing the handbook failed" >&2; exit 1; }
  # Pin Chromium's CreationDate/ModDate (same length, so xref offsets stay valid).
  perl -0777 -pi -e "s/D:\d{14}\+00'00'/D:20260101000000+00'00'/g" "$WORK/demo-handbook.pdf"
  mv "$WORK/demo-handbook.pdf" "$DIR/demo-handbook.pdf"
}

case "$WHAT" in
  video) make_video ;;
  pdf) make_pdf ;;
  all) make_video; make_pdf ;;
  *) echo "usage: $0 [video|pdf|all]" >&2; exit 2 ;;
esac

echo "==> done"
if command -v ffprobe >/dev/null && [[ -f "$DIR/demo-video.mp4" ]]; then
  ffprobe -v error -show_entries format=duration,size -of default=nw=1 "$DIR/demo-video.mp4"
fi
if command -v pdfinfo >/dev/null && [[ -f "$DIR/demo-handbook.pdf" ]]; then
  pdfinfo "$DIR/demo-handbook.pdf" | grep -E '^(Pages|File size):'
fi
