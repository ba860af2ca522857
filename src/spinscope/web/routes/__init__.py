"""The app's routes: `api` (JSON, under /api) and `site` (the HTML pages)."""
