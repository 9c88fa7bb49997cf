"""Forms for importing an election held elsewhere. They check shape; services check rules."""

from __future__ import annotations

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from orgkit.core.fields import PlausibleDateField
from orgkit.elections.import_files import MAX_FILE_BYTES, MAX_SEATS
from orgkit.elections.models import Election
from orgkit.organizations.forms import OrgScopedForm
from orgkit.organizations.models import Body

RANKED_RULES = [
    (value, label)
    for value, label in Election.Rule.choices
    if value in (Election.Rule.SCOTTISH, Election.Rule.MEEK, Election.Rule.WIGM)
]

# The file travels from the preview to the save inside a signed token: nothing is stored
# before the organizer confirms, and nobody can slip other ballots in between.
TOKEN_SALT = "orgkit.elections.import"
TOKEN_MAX_AGE = 60 * 60


class ImportSettingsForm(OrgScopedForm):
    """What the organizer chooses besides the file (the preview's confirm form repeats it)."""

    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label=_("Body (whose election it was)"),
    )
    rule = forms.ChoiceField(
        choices=RANKED_RULES,
        initial=Election.Rule.SCOTTISH,
        label=_("Count it with"),
        help_text=_("Any preset: you can count it again under another one later."),
    )
    seats = forms.IntegerField(
        min_value=1,
        max_value=MAX_SEATS,
        required=False,
        label=_("Seats"),
        help_text=_("Leave empty to use the number in the .blt file (a CSV file needs it)."),
    )
    title = forms.CharField(
        max_length=200,
        required=False,
        label=_("Title"),
        help_text=_("Leave empty to use the title in the file."),
    )
    held_on = PlausibleDateField(
        required=False,
        label=_("Held on"),
        help_text=_("The day of the count (default: today)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=self.organization)


class ImportUploadForm(ImportSettingsForm):
    file = forms.FileField(
        label=_("Ballot file (.blt or .csv)"),
        help_text=_(
            "A .blt file (OpaVote, Loomio, OpenSTV, or a paper count typed in), or CSV with one "
            "ballot per row, names in order of preference. At most %(most)s MB."
        )
        % {"most": MAX_FILE_BYTES // 1024 // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": ".blt,.csv,.txt,text/plain,text/csv"}),
    )

    field_order = ["file", "body", "rule", "seats", "title", "held_on"]


class ImportConfirmForm(ImportSettingsForm):
    token = forms.CharField(widget=forms.HiddenInput)

    def clean_token(self) -> dict:
        try:
            payload = signing.loads(
                self.cleaned_data["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This preview has expired or was changed: upload the file again.")
            ) from None
        return payload


def import_token(*, filename: str, content: bytes) -> str:
    """The uploaded file, signed (and compressed) for the confirm form."""
    return signing.dumps(
        {"name": filename, "text": content.decode("utf-8")}, salt=TOKEN_SALT, compress=True
    )
