"""A cooperative edits its public story (vi/en). The profile is found through
cooperatives.access; the story is sanitised when saved (Profile.save)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from cooperatives import access
from cooperatives.models import Profile
from core.widgets import RichTextWidget


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["story_vi", "story_en"]
        # Each story is in its own language, whatever the dashboard's language.
        widgets = {
            "story_vi": RichTextWidget(attrs={"lang": "vi"}),
            "story_en": RichTextWidget(attrs={"lang": "en"}),
        }


class ProfileUpdateView(generic.UpdateView):
    model = Profile
    form_class = ProfileForm
    template_name = "cooperatives/dashboard/profile_form.html"

    def get_object(self, queryset=None):
        return access.get_owned_or_404(self.request.user, Profile, pk=self.kwargs["pk"])

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Your story is saved."))
        return redirect("dashboard:cooperative-profile", pk=self.object.pk)
