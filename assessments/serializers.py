"""Serializers of the assessments API: small input and output shapes; they never write."""

from rest_framework import serializers

# --- Quizzes ------------------------------------------------------------------------


class AttemptAnswerSaveInput(serializers.Serializer):
    # The response's shape depends on the question's kind (assessments.questions);
    # the service checks it. null clears the answer.
    response = serializers.JSONField(allow_null=True)


class AttemptAnswerSaveOutput(serializers.Serializer):
    position = serializers.IntegerField()
    saved_at = serializers.DateTimeField()


class AttemptAnswerOutput(serializers.Serializer):
    position = serializers.IntegerField()
    question = serializers.IntegerField(source="question_id")
    kind = serializers.CharField(source="question.kind")
    response = serializers.JSONField()
    saved_at = serializers.DateTimeField()


class AttemptOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    quiz = serializers.IntegerField(source="quiz_id")
    number = serializers.IntegerField()
    state = serializers.CharField()
    started_at = serializers.DateTimeField()
    deadline_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField()
    # The attempt's share of the marks, when the quiz's review settings show marks.
    fraction = serializers.DecimalField(max_digits=8, decimal_places=7, allow_null=True)


class AttemptDetailOutput(AttemptOutput):
    seconds_left = serializers.IntegerField(allow_null=True)
    answers = AttemptAnswerOutput(many=True)


# --- End of quizzes -----------------------------------------------------------------
