"""Oscar's sign-in/registration views with registration that answers alike for known
and unknown e-mail addresses (core.registration), and the activation link (thin)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from oscar.apps.customer.views import AccountAuthView, AccountRegistrationView

from core.registration import RegistrationForm, activate_account, register_account


class SignInView(AccountAuthView):
    registration_form_class = RegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            register_account(form)
            return redirect("account-registration-sent")
        return self.render_to_response(self.get_context_data(registration_form=form))


class RegistrationView(AccountRegistrationView):
    form_class = RegistrationForm

    def form_valid(self, form):
        register_account(form)
        return redirect("account-registration-sent")


def registration_sent(request):
    return render(request, "accounts/registration_sent.html")


@never_cache
def activate(request, uidb64, token):
    User = get_user_model()
    try:
        user = User._default_manager.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        user = None
    if activate_account(user, token):
        messages.success(request, _("Your account is active. Sign in with your password."))
        return redirect("customer:login")
    return render(request, "accounts/activation_invalid.html", status=400)
