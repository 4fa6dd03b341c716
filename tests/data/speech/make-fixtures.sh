#!/bin/bash
# How the speech fixtures were made: two short sentences spoken by
# espeak-ng, as the speech service's raw "pcm" (24 kHz, s16le, mono), then
# encoded in each of its other formats. The WAV files have their RIFF and
# data sizes set to 0xFFFFFFFF, as a streamed WAV has.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
espeak-ng -w "$tmp/a.wav" "The first piece is spoken here. It has two sentences."
espeak-ng -w "$tmp/b.wav" "And this is the second piece, which follows it."
for n in a b; do
  gst-launch-1.0 -q filesrc location="$tmp/$n.wav" ! wavparse ! audioconvert ! audioresample \
    ! audio/x-raw,format=S16LE,rate=24000,channels=1 ! filesink location=$n.pcm
  src="filesrc location=$n.pcm ! rawaudioparse pcm-format=s16le sample-rate=24000 num-channels=1 ! audioconvert"
  gst-launch-1.0 -q $src ! lamemp3enc target=bitrate bitrate=48 ! filesink location=$n.mp3
  gst-launch-1.0 -q $src ! audioresample ! opusenc bitrate=32000 ! oggmux ! filesink location=$n.opus
  gst-launch-1.0 -q $src ! avenc_aac bitrate=48000 ! aacparse ! audio/mpeg,stream-format=adts ! filesink location=$n.aac
  gst-launch-1.0 -q $src ! flacenc ! filesink location=$n.flac
  gst-launch-1.0 -q $src ! wavenc ! filesink location=$n.wav
done
python3 - <<'PY'
import struct
for n in 'ab':
    d = bytearray(open(n + '.wav', 'rb').read())
    d[4:8] = struct.pack('<I', 0xFFFFFFFF)
    i = d.find(b'data')
    d[i + 4:i + 8] = struct.pack('<I', 0xFFFFFFFF)
    open(n + '.wav', 'wb').write(d)
PY
