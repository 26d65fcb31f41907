"""assessments: filled by a later issue (see docs/decisions/0001-foundation.md)."""
