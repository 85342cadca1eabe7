"""The Streamlit dashboard: reads the store through `analysis.store.queries` and draws. No numbers computed here."""
