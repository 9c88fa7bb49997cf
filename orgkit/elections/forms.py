"""Input forms for the election pages. They check shape; services check rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from orgkit.core.fields import PlausibleDateField, PlausibleDateTimeField
from orgkit.elections.models import Apportionment, Election
from orgkit.organizations.forms import MemberChoiceField, OrgScopedForm
from orgkit.organizations.models import Body, Member

DATETIME = {"type": "datetime-local"}


def moment_field(label) -> PlausibleDateTimeField:
    """A date-and-time input for one end of an election's windows."""
    return PlausibleDateTimeField(label=label, widget=forms.DateTimeInput(attrs=DATETIME))


class ElectionForm(OrgScopedForm):
    title = forms.CharField(max_length=200, label=_("Title"))
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), label=_("Electorate (members of this body vote)")
    )
    seats = forms.IntegerField(min_value=1, max_value=200, initial=3, label=_("Seats"))
    ballot_kind = forms.ChoiceField(choices=Election.BallotKind.choices, label=_("Ballot"))
    rule = forms.ChoiceField(
        choices=Election.Rule.choices,
        label=_("Counting rule"),
        help_text=_(
            "Ranked ballots: Scottish, Meek or WIGM STV. Slate ballots: D'Hondt or Sainte-Laguë."
        ),
    )
    secrecy = forms.ChoiceField(
        choices=Election.Secrecy.choices, initial="secret", label=_("Secrecy")
    )
    weighting = forms.ChoiceField(
        choices=Election.Weighting.choices,
        initial="equal",
        label=_("Weight of a ballot"),
        help_text=_("Weighted ballots can identify voters in small bodies; consider an open vote."),
    )
    requires_seconder = forms.BooleanField(required=False, label=_("Nominations need a seconder"))
    ballot_order = forms.ChoiceField(
        choices=Election.BallotOrder.choices,
        initial=Election.BallotOrder.SHUFFLED,
        required=False,
        label=_("Order of names on the ballot"),
        help_text=_("Being listed first wins votes; a random order for each voter cancels that."),
    )
    in_meeting = forms.BooleanField(
        required=False,
        label=_("A vote held in a meeting"),
        help_text=_(
            "The chair may close voting once everyone present has voted, saying so on the record. "
            "Otherwise voting runs until the window ends (or everyone on the roll has voted)."
        ),
    )
    notice_days = forms.IntegerField(
        min_value=0,
        max_value=120,
        initial=15,
        label=_("Notice (days before voting opens)"),
        help_text=_(
            "The election notice must reach every eligible member this long before voting opens."
        ),
    )
    nominations_open_at = moment_field(_("Nominations open at"))
    nominations_close_at = moment_field(_("Nominations close at"))
    voting_opens_at = moment_field(_("Voting opens at"))
    voting_closes_at = moment_field(_("Voting closes at"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Description")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=self.organization)

    def clean_ballot_order(self):
        # Left out (an older client, a hand-made request): the default, a shuffle per voter.
        return self.cleaned_data.get("ballot_order") or Election.BallotOrder.SHUFFLED


class ElectionEditForm(ElectionForm):
    """A draft's settings; the electorate is fixed once the election exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]


class NominationForm(OrgScopedForm):
    member = MemberChoiceField(queryset=Member.objects.none(), label=_("Who are you nominating?"))
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        label=_("Statement to the voters"),
    )
    slate_name = forms.CharField(max_length=120, required=False, label=_("Slate (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            Member.objects.active().filter(organization=self.organization).select_related("user")
        )


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=Election.State.choices)


class RankedBallotForm(forms.Form):
    """One numbered select per candidate: works with a keyboard, a screen reader and no
    JavaScript. Ranks must run 1, 2, 3… without gaps or repeats; blanks are unranked."""

    def __init__(
        self, *args, choices: dict[int, str], slates: dict[int, str] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        slates = slates or {}
        options = [("", "—")] + [(str(i), str(i)) for i in range(1, len(choices) + 1)]
        for pk, name in choices.items():
            field = forms.ChoiceField(
                choices=options, required=False, label=gettext("Rank for %(name)s") % {"name": name}
            )
            field.candidate_name = name  # the ballot shows the name; the label adds "Rank for"
            field.candidate_slate = slates.get(pk, "")
            self.fields[f"rank_{pk}"] = field
        self.names = choices

    def clean(self):
        data = super().clean()
        ranks = {pk: int(data[f"rank_{pk}"]) for pk in self.names if data.get(f"rank_{pk}")}
        if not ranks:
            raise forms.ValidationError(
                gettext("Rank at least one candidate: put 1 beside your first choice.")
            )
        check_rank_numbers(sorted(ranks.values()))
        data["ranking"] = [pk for pk, _rank in sorted(ranks.items(), key=lambda item: item[1])]
        return data


def check_rank_numbers(numbers: list[int]) -> None:
    """Sorted rank numbers must run 1, 2, 3… with no repeats and no gaps."""
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise forms.ValidationError(
            ngettext(
                "You gave rank %(ranks)s to more than one candidate. Give each rank once.",
                "You gave ranks %(ranks)s to more than one candidate. Give each rank once.",
                len(repeated),
            )
            % {"ranks": ", ".join(map(str, repeated))}
        )
    if numbers != list(range(1, len(numbers) + 1)):
        missing = min(set(range(1, len(numbers) + 1)) - set(numbers))
        raise forms.ValidationError(
            gettext("Your ranks skip %(missing)s: number your choices 1, 2, 3… without gaps.")
            % {"missing": missing}
        )


class SlateBallotForm(forms.Form):
    slate = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label=_("Your slate"))

    def __init__(self, *args, choices: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slate"].choices = list(choices.items())
        self.names = choices

    def clean(self):
        data = super().clean()
        if "slate" in data:
            data["ranking"] = [data["slate"]]
        return data


class ReceiptLookupForm(forms.Form):
    code = forms.CharField(max_length=20, label=_("Your receipt code"))


class ApportionmentForm(OrgScopedForm):
    congress = forms.ModelChoiceField(
        queryset=Body.objects.none(), label=_("Congress (delegates are seated here)")
    )
    seats = forms.IntegerField(min_value=1, max_value=1000, label=_("Delegate seats"))
    method = forms.ChoiceField(choices=Apportionment.Method.choices, label=_("Share seats by"))
    min_one_seat = forms.BooleanField(required=False, label=_("At least one seat per branch"))
    snapshot_date = PlausibleDateField(label=_("Count members on"))
    rule = forms.ChoiceField(
        choices=[c for c in Election.Rule.choices if c[0] in ("scottish", "meek", "wigm")],
        label=_("Counting rule for the branch elections"),
    )
    notice_days = forms.IntegerField(
        min_value=0, max_value=120, initial=15, label=_("Notice (days before voting opens)")
    )
    nominations_open_at = moment_field(_("Nominations open at"))
    nominations_close_at = moment_field(_("Nominations close at"))
    voting_opens_at = moment_field(_("Voting opens at"))
    voting_closes_at = moment_field(_("Voting closes at"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = Body.objects.filter(
            organization=self.organization, membership=Body.Membership.EXPLICIT
        )


class SeatDelegatesForm(forms.Form):
    end = PlausibleDateField(required=False, label=_("Term ends (default: a year)"))
