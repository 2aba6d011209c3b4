"""Reads of the emulation year, a module per concern; each page costs a constant number of queries."""
