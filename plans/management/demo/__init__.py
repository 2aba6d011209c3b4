"""The demo data (`bodies`, `seed_000` … `seed_004`) and its loader, used by `manage.py loaddemo`."""
