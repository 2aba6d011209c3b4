"""The writes of the emulation year, a module per concern."""
