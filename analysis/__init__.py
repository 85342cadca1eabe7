"""Tension Monitor's analysis layer: articles in, country mentions, figures, signals and alerts out.

A pure library (no Streamlit): functions take text or DataFrames and return plain data. Grouped by
stage: `read` (sources, feeds, cleaning: the input edge), `understand` (per-article pure extraction),
`store` (schema, the Parquet store, queries: the storage edge) and `monitor` (signals, copies and
stories, the tension index, spikes, alerts and their delivery edge). `ingest` and `watch` run them.
"""
