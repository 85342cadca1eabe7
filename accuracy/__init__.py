"""Held-out accuracy of the analysis on real news articles, beside naive baselines.

`accuracy/articles/` holds real pages (see `README.md` here), `accuracy/labels/` their hand labels.
`python -m accuracy` runs the project's own extraction (the code path of `python -m analysis extract`)
and the sentence signals over them and prints precision, recall and F1 next to the baselines of
`baselines.py`. Nobody tunes rules on these files: they measure, they do not teach.
"""
