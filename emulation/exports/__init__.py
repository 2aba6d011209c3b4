"""XLSX exports of the emulation year (through common.spreadsheets), a module per concern."""
