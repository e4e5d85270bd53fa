"""Forms a stranger can reach: booking, waiting list, cancelling. Junk in, a clear
message out (never a 500)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments import stripe_gateway
from payments.models import Method
from tourism.models import GUIDE_LANGUAGES, Booking

COUNTRY_CODE = forms.RegexField(
    regex=r"^[A-Za-z]{2}$",
    required=False,
    max_length=2,
    label=_("Nationality (two-letter country code, e.g. FR)"),
)


class BookingForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Date and time"), coerce=int, choices=())
    adults = forms.IntegerField(label=_("Adults"), min_value=1, max_value=50, initial=2)
    children = forms.IntegerField(label=_("Children"), min_value=0, max_value=50, initial=0)
    youngest_age = forms.IntegerField(
        label=_("Age of the youngest guest"), min_value=0, max_value=120, required=False
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    guide_language = forms.ChoiceField(label=_("Guide language"), choices=(), required=False)
    notes = forms.CharField(
        label=_("Notes (dietary needs, mobility)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    nationality = COUNTRY_CODE
    passport_number = forms.RegexField(
        regex=r"^[A-Za-z0-9]{5,20}$",
        label=_("Passport number"),
        required=False,
        max_length=20,
    )
    payment_choice = forms.ChoiceField(label=_("Payment"), choices=(), widget=forms.RadioSelect)
    method = forms.ChoiceField(label=_("Pay by"), choices=(), widget=forms.RadioSelect)
    agree = forms.BooleanField(label=_("I agree to the cancellation policy"))
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, page, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page.source if hasattr(page, "source") else page
        self.shown_page = page
        self.fields["slot"].choices = [
            (slot.pk, timezone.localtime(slot.starts_at).strftime("%d/%m/%Y %H:%M"))
            for slot in slots
        ]
        codes = page.guide_languages or []
        self.fields["guide_language"].choices = [
            (code, label) for code, label in GUIDE_LANGUAGES if code in codes
        ]
        payments = [(Booking.Payment.FULL, Booking.Payment.FULL.label)]
        if self.page.deposit_percent:
            payments.append(
                (
                    Booking.Payment.DEPOSIT,
                    _("Deposit of %(p)d %% now, the rest on the day")
                    % {"p": self.page.deposit_percent},
                )
            )
        if self.page.pay_on_arrival:
            payments.append((Booking.Payment.ON_ARRIVAL, _("Reserve now, pay on arrival")))
        self.fields["payment_choice"].choices = payments
        self.fields["payment_choice"].initial = Booking.Payment.FULL
        methods = [(Method.VIETQR, Method.VIETQR.label)]
        if stripe_gateway.is_configured():
            methods.append((Method.CARD, Method.CARD.label))
        self.fields["method"].choices = methods
        self.fields["method"].initial = Method.VIETQR
        self.fields["method"].required = False
        self.fields["youngest_age"].required = bool(self.page.min_age)
        if not self.page.border_paperwork:
            del self.fields["nationality"]
            del self.fields["passport_number"]
        if not self.is_bound:
            import secrets

            self.fields["submission_key"].initial = secrets.token_urlsafe(24)

    def clean_name(self):
        value = " ".join(self.cleaned_data["name"].split())
        if not value:
            raise forms.ValidationError(_("Please give your name."))
        return value

    def clean(self):
        data = super().clean()
        if self.page.border_paperwork:
            nationality = (data.get("nationality") or "").upper()
            data["nationality"] = nationality
            if nationality and nationality != "VN" and not data.get("passport_number"):
                self.add_error(
                    "passport_number",
                    _("Foreign guests need a passport number for the border-area permit."),
                )
            if not nationality:
                self.add_error("nationality", _("Please give your nationality."))
        if not data.get("method"):
            data["method"] = Method.VIETQR
        return data


class WaitingListForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Date and time"), coerce=int, choices=())
    seats = forms.IntegerField(label=_("Seats wanted"), min_value=1, max_value=50, initial=2)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def __init__(self, *args, slots, **kwargs):
        # On the same page as the booking form: its own ids, the same field names.
        kwargs.setdefault("auto_id", "waitlist_%s")
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (slot.pk, timezone.localtime(slot.starts_at).strftime("%d/%m/%Y %H:%M"))
            for slot in slots
        ]


class AcceptOfferForm(forms.Form):
    adults = forms.IntegerField(label=_("Adults"), min_value=1, max_value=50)
    children = forms.IntegerField(label=_("Children"), min_value=0, max_value=50, initial=0)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


# --------------------------------------------------------------------------- host
class SlotForm(forms.Form):
    date = forms.DateField(label=_("Date"))
    time = forms.TimeField(label=_("Start time"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)
    min_participants = forms.IntegerField(
        label=_("Runs only if this many join (0: always)"), min_value=0, max_value=500, initial=0
    )


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class RuleForm(forms.Form):
    start_date = forms.DateField(label=_("From"))
    end_date = forms.DateField(label=_("Until"))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    times = forms.CharField(
        label=_("Start times (e.g. 08:00, 13:30)"), max_length=200, initial="08:00"
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)
    min_participants = forms.IntegerField(
        label=_("Runs only if this many join (0: always)"), min_value=0, max_value=500, initial=0
    )
    exceptions = forms.CharField(
        label=_("Except these dates (dd/mm/yyyy, comma-separated: Tết, holidays)"),
        max_length=2000,
        required=False,
    )

    def clean_times(self):
        times = []
        for part in self.cleaned_data["times"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                times.append(datetime.datetime.strptime(part, "%H:%M").time())
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a time like 08:00.") % {"value": part[:20]}
                ) from None
        if not times or len(times) > 12:
            raise forms.ValidationError(_("Give between one and twelve start times."))
        return times

    def clean_exceptions(self):
        dates = []
        for part in self.cleaned_data["exceptions"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    dates.append(datetime.datetime.strptime(part, fmt).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date like 17/02/2027.") % {"value": part[:20]}
                )
        return dates


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)


class CancelDateForm(forms.Form):
    date = forms.DateField(label=_("Date"))
    reason = forms.CharField(label=_("Reason (told to every guest)"), max_length=255)
    confirm = forms.BooleanField(label=_("Yes, cancel every booking of this date"))
