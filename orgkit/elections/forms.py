"""Input forms for the election pages. They check shape; services check rules."""

from __future__ import annotations

from django import forms

from orgkit.core.fields import PlausibleDateField, PlausibleDateTimeField
from orgkit.elections.models import Apportionment, Election
from orgkit.organizations.forms import MemberChoiceField, OrgScopedForm
from orgkit.organizations.models import Body, Member

DATETIME = {"type": "datetime-local"}


class ElectionForm(OrgScopedForm):
    title = forms.CharField(max_length=200)
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(), label="Electorate (members of this body vote)"
    )
    seats = forms.IntegerField(min_value=1, max_value=200, initial=3)
    ballot_kind = forms.ChoiceField(choices=Election.BallotKind.choices, label="Ballot")
    rule = forms.ChoiceField(
        choices=Election.Rule.choices, label="Counting rule",
        help_text="Ranked ballots: Scottish, Meek or WIGM STV. Slate ballots: D'Hondt or Sainte-Laguë.",
    )
    secrecy = forms.ChoiceField(choices=Election.Secrecy.choices, initial="secret")
    weighting = forms.ChoiceField(
        choices=Election.Weighting.choices, initial="equal", label="Weight of a ballot",
        help_text="Weighted ballots can identify voters in small bodies; consider an open vote.",
    )
    requires_seconder = forms.BooleanField(required=False, label="Nominations need a seconder")
    notice_days = forms.IntegerField(
        min_value=0, max_value=120, initial=15, label="Notice (days before voting opens)",
        help_text="The election notice must reach every eligible member this long before voting opens.",
    )
    nominations_open_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    nominations_close_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    voting_opens_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    voting_closes_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organization=self.organization)


class ElectionEditForm(ElectionForm):
    """A draft's settings; the electorate is fixed once the election exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]


class NominationForm(OrgScopedForm):
    member = MemberChoiceField(queryset=Member.objects.none(), label="Who are you nominating?")
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000,
        label="Statement to the voters",
    )
    slate_name = forms.CharField(max_length=120, required=False, label="Slate (optional)")

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

    def __init__(self, *args, choices: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "—")] + [(str(i), str(i)) for i in range(1, len(choices) + 1)]
        for pk, name in choices.items():
            self.fields[f"rank_{pk}"] = forms.ChoiceField(
                choices=options, required=False, label=f"Rank for {name}"
            )
        self.names = choices

    def clean(self):
        data = super().clean()
        ranks: dict[int, int] = {}
        for pk in self.names:
            value = data.get(f"rank_{pk}")
            if value:
                ranks[pk] = int(value)
        if not ranks:
            raise forms.ValidationError("Rank at least one candidate: put 1 beside your first choice.")
        numbers = sorted(ranks.values())
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if repeated:
            raise forms.ValidationError(
                f"You gave rank {', '.join(map(str, repeated))} to more than one candidate. "
                "Give each rank once."
            )
        if numbers != list(range(1, len(numbers) + 1)):
            missing = min(set(range(1, len(numbers) + 1)) - set(numbers))
            raise forms.ValidationError(
                f"Your ranks skip {missing}: number your choices 1, 2, 3… without gaps."
            )
        data["ranking"] = [pk for pk, _ in sorted(ranks.items(), key=lambda item: item[1])]
        return data


class SlateBallotForm(forms.Form):
    slate = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Your slate")

    def __init__(self, *args, choices: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slate"].choices = list(choices.items())

    def clean(self):
        data = super().clean()
        if "slate" in data:
            data["ranking"] = [data["slate"]]
        return data


class ReceiptLookupForm(forms.Form):
    code = forms.CharField(max_length=20, label="Your receipt code")


class ApportionmentForm(OrgScopedForm):
    congress = forms.ModelChoiceField(
        queryset=Body.objects.none(), label="Congress (delegates are seated here)"
    )
    seats = forms.IntegerField(min_value=1, max_value=1000, label="Delegate seats")
    method = forms.ChoiceField(choices=Apportionment.Method.choices, label="Share seats by")
    min_one_seat = forms.BooleanField(required=False, label="At least one seat per branch")
    snapshot_date = PlausibleDateField(label="Count members on")
    rule = forms.ChoiceField(
        choices=[c for c in Election.Rule.choices if c[0] in ("scottish", "meek", "wigm")],
        label="Counting rule for the branch elections",
    )
    notice_days = forms.IntegerField(
        min_value=0, max_value=120, initial=15, label="Notice (days before voting opens)"
    )
    nominations_open_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    nominations_close_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    voting_opens_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))
    voting_closes_at = PlausibleDateTimeField(widget=forms.DateTimeInput(attrs=DATETIME))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = Body.objects.filter(
            organization=self.organization, membership=Body.Membership.EXPLICIT
        )


class SeatDelegatesForm(forms.Form):
    end = PlausibleDateField(required=False, label="Term ends (default: a year)")
