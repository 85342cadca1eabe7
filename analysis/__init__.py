"""Tension Monitor's analysis layer: articles in, country mentions, figures and tone out.

A pure library (no Streamlit): functions take text or DataFrames and return plain data.
I/O lives at the edge in `sources`, `feeds`, `store`.
"""
