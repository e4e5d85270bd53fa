"""Registering a shop account without telling anyone which e-mail addresses have one.

Whatever the address, the visitor sees the same page ("check your e-mail"). A new
address gets an inactive account and an activation link; a known one gets a reminder
("you already have an account; reset your password here"). Both paths hash the
password once, so the time does not tell either."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from oscar.apps.customer.forms import EmailUserCreationForm
from oscar.apps.customer.utils import normalise_email

from core import mail


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Valid until the account is active (single use), for PASSWORD_RESET_TIMEOUT."""

    key_salt = "core.registration.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.password}{user.email}{timestamp}"


activation_token_generator = ActivationTokenGenerator()


class RegistrationForm(EmailUserCreationForm):
    """Oscar's form without "A user with that email address already exists"."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def _uid(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


@transaction.atomic
def register_account(form, *, language=None):
    """Creates an inactive account for a new address, or reminds the owner of a known
    one; e-mails either after the commit. Returns the new user or None."""
    User = get_user_model()
    email = form.cleaned_data["email"]
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    existing = User._default_manager.filter(email__iexact=email).order_by("pk").first()
    if existing is not None:
        make_password(form.cleaned_data["password1"])  # as much work as a new account
        pk = existing.pk
        mail.send_on_commit(existing_account_email, pk, language)
        return None
    user = form.save(commit=False)
    user.is_active = False
    user.save()
    pk = user.pk
    mail.send_on_commit(activation_email, pk, language)
    return user


def _message(user, kind, language, context):
    with translation.override(language):
        context = {"user": user, "shop_name": settings.OSCAR_SHOP_NAME, **context}
        subject = render_to_string(f"accounts/emails/{kind}_subject.txt", context)
        body = render_to_string(f"accounts/emails/{kind}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])


# The e-mails (sent by core.mail's task once the registration has committed).


def activation_email(user_pk, language):
    user = get_user_model()._default_manager.get(pk=user_pk)
    with translation.override(language):
        path = reverse(
            "account-activate",
            kwargs={"uidb64": _uid(user), "token": activation_token_generator.make_token(user)},
        )
    return _message(user, "activate", language, {"activate_url": site_url(path)})


def existing_account_email(user_pk, language):
    user = get_user_model()._default_manager.get(pk=user_pk)
    with translation.override(language):
        login_path = reverse("customer:login")
        reset_path = reverse(
            "password-reset-confirm",
            kwargs={"uidb64": _uid(user), "token": default_token_generator.make_token(user)},
        )
    return _message(
        user,
        "existing_account",
        language,
        {"login_url": site_url(login_path), "reset_url": site_url(reset_path)},
    )


def activate_account(user, token):
    """True if the token activated the (inactive) account."""
    if user is None or user.is_active or not activation_token_generator.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True
