"""Forms of the course editor: a module, and one activity form per kind.

ACTIVITY_FORMS is the list of kinds an editor can add (the kind menu is built
from it): to offer a new kind (H5P, say), add its form here and its content
branch in `courses.editing._content_create`.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.editing import COMPLETION_RULES
from courses.models import ActivityKind, CompletionRule


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    objectives = forms.CharField(
        label=_("Learning objectives"),
        required=False,
        help_text=_("One objective per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActivityForm(forms.Form):
    """What every activity has: title, nominal hours, required flag and completion rule."""

    kind = ""
    title = forms.CharField(label=_("Title"), max_length=200)
    hours = forms.DecimalField(
        label=_("Nominal hours"),
        help_text=_("Whole, half or quarter hours, such as 1.5 or 0.25."),
        min_value=Decimal("0.25"),
        max_value=Decimal("100"),
        decimal_places=2,
        max_digits=5,
        localize=True,
    )
    required = forms.BooleanField(
        label=_("Required for the certificate"), required=False, initial=True
    )
    completion_rule = forms.ChoiceField(label=_("Completes when"))

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.fields["completion_rule"].choices = [
            (rule.value, CompletionRule(rule).label) for rule in COMPLETION_RULES[self.kind]
        ]
        self.fields["hours"].widget.attrs["inputmode"] = "decimal"

    def content(self) -> dict:
        """The content arguments for `courses.editing` (none for graded kinds)."""
        return {}


class PageActivityForm(ActivityForm):
    kind = ActivityKind.PAGE
    page_source = forms.CharField(
        label=_("Text of the page (Markdown)"),
        help_text=_("Headings with #, lists with -, **bold**, *italics*, [links](https://…)."),
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def content(self) -> dict:
        return {"page_source": self.cleaned_data["page_source"]}


class FileActivityForm(ActivityForm):
    kind = ActivityKind.FILE
    upload = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.creating:
            self.fields["upload"].required = False
            self.fields["upload"].label = _("Replace the file (optional)")

    def content(self) -> dict:
        return {"upload": self.cleaned_data.get("upload")}


class VideoActivityForm(ActivityForm):
    kind = ActivityKind.VIDEO
    video_url = forms.URLField(
        label=_("Video address"),
        required=False,
        max_length=500,
        help_text=_("A link to a video hosted elsewhere. Give either an address or a file."),
        assume_scheme="https",
    )
    upload = forms.FileField(
        label=_("Video file (MP4, WebM or Ogg)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm,video/ogg"}),
    )
    captions = forms.FileField(
        label=_("Captions (WebVTT, .vtt)"),
        required=False,
        help_text=_("A text file that starts with “WEBVTT”, in UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.creating:
            self.fields["video_url"].help_text = _(
                "Leave both empty to keep the current video; new captions replace the old ones."
            )

    def clean(self):
        data = super().clean()
        if self.creating and not data.get("video_url") and not data.get("upload"):
            raise forms.ValidationError(_("Give a video address or upload a video file."))
        return data

    def content(self) -> dict:
        return {
            "upload": self.cleaned_data.get("upload"),
            "video_url": self.cleaned_data.get("video_url") or "",
            "captions": self.cleaned_data.get("captions"),
        }


class H5PActivityForm(ActivityForm):
    kind = ActivityKind.H5P
    upload = forms.FileField(
        label=_("H5P package (.h5p)"),
        help_text=_(
            "Exported from h5p.org, Lumi or Moodle. It is checked before anything is stored."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )
    pass_mark = forms.DecimalField(
        label=_("Pass mark (%)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=1,
        localize=True,
        help_text=_("Empty: the package's own pass mark, else 70 %."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.creating:
            self.fields["upload"].required = False
            self.fields["upload"].label = _("Replace the package (optional)")

    def content(self) -> dict:
        mark = self.cleaned_data.get("pass_mark")
        return {
            "upload": self.cleaned_data.get("upload"),
            "pass_fraction": None if mark is None else (mark / 100).quantize(Decimal("0.001")),
        }


class QuizActivityForm(ActivityForm):
    kind = ActivityKind.QUIZ


class AssignmentActivityForm(ActivityForm):
    kind = ActivityKind.ASSIGNMENT


ACTIVITY_FORMS: dict[str, type[ActivityForm]] = {
    form.kind: form
    for form in (
        PageActivityForm,
        FileActivityForm,
        VideoActivityForm,
        H5PActivityForm,
        QuizActivityForm,
        AssignmentActivityForm,
    )
}


def activity_kind_choices() -> list[tuple[str, str]]:
    return [(kind, ActivityKind(kind).label) for kind in ACTIVITY_FORMS]


class ActivityMoveToModuleForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Move to module"), queryset=None)

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["module"].label_from_instance = lambda module: (
            f"{module.position}. {module.title}"
        )
