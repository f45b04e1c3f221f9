"""`overlap index stats`: what an index holds and what it was built with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schema import SCHEMA_VERSION, connect
from .store import get_meta
from .vectors import VectorFile


def index_stats(folder: Path) -> dict[str, Any]:
    db = connect(folder)
    try:
        db.execute("BEGIN")  # one snapshot for every count, while a writer may be adding
        count = {
            name: int(db.execute(query).fetchone()[0])
            for name, query in {
                "articles": "SELECT COUNT(*) FROM articles",
                "sentences": "SELECT COUNT(*) FROM passages WHERE kind='sentence'",
                "paragraphs": "SELECT COUNT(*) FROM passages WHERE kind='paragraph'",
                "embedded_passages": "SELECT COUNT(*) FROM passages WHERE text_key IS NOT NULL",
                "paragraph_means": "SELECT COUNT(*) FROM passages WHERE mean_key IS NOT NULL",
                "distinct_vectors": "SELECT COUNT(*) FROM vectors",
                "shingle_postings": "SELECT COUNT(*) FROM postings",
            }.items()
        }
        name = get_meta(db, "vector_file")
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            **count,
            "vector_file": name,
            "vectors_in_file": len(VectorFile(folder, name)),
            "embedding_model": get_meta(db, "embedding_model"),
            "settings": json.loads(get_meta(db, "settings") or "{}"),
            "built_by": get_meta(db, "overlap_version"),
            "generation": int(get_meta(db, "generation") or "0"),
        }
        db.execute("COMMIT")
    finally:
        db.close()
    out["bytes_on_disk"] = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return out
