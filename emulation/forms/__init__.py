"""The forms of the emulation year, a module per concern."""
