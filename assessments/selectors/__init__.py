"""Reads of the assessments app, one module per area (import the module you need)."""
