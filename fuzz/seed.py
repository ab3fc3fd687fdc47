"""Writes the committed fuzz seeds from our vectors (tests/vectors/*.json and tests/vectors/shared/), so
the fuzzers start from real deliveries: `python3 fuzz/seed.py` rewrites fuzz/seeds/<target>/. Inputs name
their provider by id on the first line (never by position in the registry)."""
import hashlib
import json
import shutil
from pathlib import Path

root = Path(__file__).resolve().parent
files = sorted((root.parent / "tests" / "vectors").glob("*.json")) + [root.parent / "tests" / "vectors" / "shared" / "webhooks.json"]
vectors = [v for f in files for v in json.loads(f.read_text())["vectors"]]
shutil.rmtree(root / "seeds", ignore_errors=True)


def write(target, data: bytes):
    folder = root / "seeds" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


for v in vectors:
    headers, body = v["request"]["headers"], v["request"]["body"].encode()
    provider = v["provider"].encode() + b"\n"
    lines = "".join(f"{k}: {val}\n" for k, val in headers.items())
    query = (v["request"].get("url") or "").partition("?")[2]
    if query:
        lines += f"?{query}\n"
    write("verify_any_provider", provider + lines.encode() + b"\n" + body)
    write("payload_mapping", provider + body)
    for name, value in headers.items():
        if name.lower() == "x-reready-signature-512":
            write("reready_header", value.encode())
    lower = {k.lower(): val for k, val in headers.items()}
    if "webhook-signature" in lower or "svix-signature" in lower:
        parts = [lower.get(f"webhook-{n}", lower.get(f"svix-{n}", "")) for n in ["id", "timestamp", "signature"]]
        write("standard_webhooks_headers", "\n".join(parts).encode())

# Every built-in declaration, as written: the run-time declarations a gateway's PROVIDERS may hold.
for declaration in sorted((root.parent / "src" / "providers").glob("*.json")):
    write("declaration", declaration.read_bytes())
