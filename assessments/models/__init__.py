from assessments.models.assignments import (
    Assignment,
    AssignmentExtension,
    AssignmentGrade,
    Rubric,
    RubricCriterion,
    RubricLevel,
    Submission,
    SubmissionFile,
)
from assessments.models.gradebook import Grade, GradeCategory, GradeChange, GradeItem
from assessments.models.questions import (
    AUTO_GRADED_KINDS,
    Answer,
    Question,
    QuestionCategory,
    QuestionKind,
)
from assessments.models.quizzes import (
    Attempt,
    AttemptAnswer,
    GradingMethod,
    Quiz,
    QuizOverride,
    QuizSlot,
)

__all__ = [
    "AUTO_GRADED_KINDS",
    "Answer",
    "Assignment",
    "AssignmentExtension",
    "AssignmentGrade",
    "Attempt",
    "AttemptAnswer",
    "Grade",
    "GradeCategory",
    "GradeChange",
    "GradeItem",
    "GradingMethod",
    "Question",
    "QuestionCategory",
    "QuestionKind",
    "Quiz",
    "QuizOverride",
    "QuizSlot",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "Submission",
    "SubmissionFile",
]
