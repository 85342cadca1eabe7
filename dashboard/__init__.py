"""The Streamlit dashboard: reads the store through `analysis.queries` and draws. No numbers computed here."""
