"""The archive: articles read, segmented and embedded once, kept in an index folder, so that a
draft or a new article is checked against thousands of stored articles without re-reading or
re-embedding them.

An index folder holds `index.sqlite` (SQLite in WAL mode: articles with their metadata and
content hash, passages with offsets, shingle signatures, the vectors, settings and model
versions, a schema version) and `vectors-<generation>.usearch` beside it (a usearch HNSW index
of the passage vectors, f16, memory-mapped for search). SQLite is the truth; the vector file is
derived from it and named in it, so a writer killed at any point leaves the previous state.

Modules, one job each:

- `schema`: the tables, the schema version, opening the database (clear errors).
- `lock`: one writer at a time (a lock file).
- `signatures`: shingle signatures that are stable across runs.
- `vectors`: the usearch vector file (atomic writes, memory-mapped search).
- `store`: reading and writing the rows.
- `build`: `index add` (in batches of articles), `remove`, `vacuum`.
- `writer`: one add's batches written in its single transaction, the vector file saved once.
- `select`: which stored articles can share passages with new ones.
- `use`: compare and check against the index.
"""
