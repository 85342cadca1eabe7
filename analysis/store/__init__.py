"""Store: the schema every module names, the Parquet-segment store published by an atomic manifest,
its keyword index and migration, and the filtered queries the dashboard and the CLI read through."""
