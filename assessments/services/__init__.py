"""Verbs of the assessments app, one module per area (import the module you need).

- `gradebook`: grade items, recording, releasing and overriding grades
- `questionbank`: categories, questions, import and export
- `quizzes`: quizzes, attempts, autosave, submission, manual grading
- `assignments`: submissions, extensions, grading with points or rubrics
"""
