"""Forms for registering for a training session and recording attendance (thin: the
rules are in events.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.templatetags.names import vi_name_text
from events.services import MAX_NAME_LENGTH, MAX_NAMES_PER_REQUEST


class RegistrationForm(forms.Form):
    cooperative = forms.TypedChoiceField(label=_("Cooperative"), coerce=int)
    myself = forms.BooleanField(label=_("Register myself"), required=False)
    names = forms.CharField(
        label=_("Other members (one name per line)"),
        required=False,
        max_length=(MAX_NAME_LENGTH + 2) * MAX_NAMES_PER_REQUEST,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, cooperatives, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.cooperatives = {coop.pk: coop for coop in cooperatives}
        # Official names stay Vietnamese; the demo's sample-data note is translated.
        self.fields["cooperative"].choices = [
            (coop.pk, vi_name_text(coop.legal_name)) for coop in self.cooperatives.values()
        ]
        if len(self.cooperatives) == 1:
            self.fields["cooperative"].initial = next(iter(self.cooperatives))

    def clean_cooperative(self):
        return self.cooperatives[self.cleaned_data["cooperative"]]

    def clean(self):
        data = super().clean()
        names = [line for line in (data.get("names") or "").splitlines() if line.strip()]
        if data.get("myself"):
            own = self.user.get_full_name().strip() or self.user.get_username()
            names.insert(0, own)
        if not names and not self.errors:
            raise forms.ValidationError(_("Tick “Register myself” or give at least one name."))
        data["name_list"] = names
        return data
