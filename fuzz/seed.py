"""Seeds the fuzz corpora from our vectors (tests/vectors/*.json), so the fuzzers start from real
deliveries: `python3 fuzz/seed.py` writes fuzz/corpus/<target>/seed-*."""
import hashlib
import json
from pathlib import Path

root = Path(__file__).resolve().parent
vectors = [v for f in sorted((root.parent / "tests" / "vectors").glob("*.json")) for v in json.loads(f.read_text())["vectors"]]
providers = sorted({f.stem for f in (root.parent / "src" / "providers").glob("*.rs") if f.stem != "mod"})


def write(target, data: bytes):
    folder = root / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed-{hashlib.sha1(data).hexdigest()[:16]}").write_bytes(data)


for v in vectors:
    headers, body = v["request"]["headers"], v["request"]["body"].encode()
    selector = bytes([providers.index(v["provider"].replace("-", "_"))])
    lines = "".join(f"{k}: {val}\n" for k, val in headers.items())
    query = v["request"]["url"].partition("?")[2]
    if query:
        lines += f"?{query}\n"
    write("verify_any_provider", selector + lines.encode() + b"\n" + body)
    write("payload_mapping", selector + body)
    for name, value in headers.items():
        if name.lower() == "x-reready-signature-512":
            write("reready_header", value.encode())
    lower = {k.lower(): val for k, val in headers.items()}
    if "webhook-signature" in lower or "svix-signature" in lower:
        parts = [lower.get(f"{p}-{n}", lower.get(f"svix-{n}", "")) for p in ["webhook"] for n in ["id", "timestamp", "signature"]]
        write("standard_webhooks_headers", "\n".join(parts).encode())
