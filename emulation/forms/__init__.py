"""The emulation year's forms, a module per concern."""
