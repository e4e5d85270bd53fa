"""Joining: apply, approve, reject. Plain functions; each runs in one transaction,
locks the application row, and sends its e-mail only after the commit."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from cooperatives.models import Application, ApplicationDocument, Profile
from core import mail
from core.text import slugify_vi
from provenance.models import Cooperative

Partner = get_model("partner", "Partner")


class ApplicationError(Exception):
    pass


def application_blockers(tax_code, contact_email=""):
    """Why an application with this tax code (or e-mail) cannot be taken, or []."""
    problems = []
    if Cooperative.objects.filter(tax_code=tax_code).exists():
        problems.append(_("A cooperative with this tax code already sells here."))
    pending = Application.objects.filter(status=Application.Status.PENDING)
    if pending.filter(tax_code=tax_code).exists():
        problems.append(_("An application for this tax code is already being reviewed."))
    elif contact_email and pending.filter(contact_email__iexact=contact_email).exists():
        problems.append(_("An application from this e-mail address is already being reviewed."))
    return problems


@transaction.atomic
def submit_application(*, files=(), language="vi", **fields):
    problems = application_blockers(fields["tax_code"], fields.get("contact_email", ""))
    if problems:
        raise ValidationError(problems)
    application = Application(language=language, **fields)
    application.full_clean()
    application.save()
    for upload in files:
        document = ApplicationDocument(application=application, file=upload)
        document.full_clean()
        document.save()
    return application


def _locked(application):
    return Application.objects.select_for_update().get(pk=application.pk)


def _unique(model, field, base):
    base = (base or "htx")[:80]
    candidate, n = base, 1
    while model.objects.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def approve_application(application, *, reviewer=None):
    """Creates the partner, its cooperative (legal details), a public profile and a
    dashboard user, then e-mails the applicant a link to set a password."""
    application = _locked(application)
    if application.status != Application.Status.PENDING:
        raise ApplicationError("only pending applications can be approved")
    if Cooperative.objects.filter(tax_code=application.tax_code).exists():
        raise ApplicationError("a cooperative with this tax code already exists")
    slug = _unique(Partner, "code", slugify_vi(application.legal_name))
    partner = Partner.objects.create(name=application.legal_name, code=slug)
    cooperative = Cooperative.objects.create(
        partner=partner,
        legal_name=application.legal_name,
        kind=application.kind,
        tax_code=application.tax_code,
        commune=application.commune,
        address=application.address,
        contact_name=application.contact_name,
        contact_phone=application.contact_phone,
        contact_email=application.contact_email,
    )
    story = {"story_en" if application.language == "en" else "story_vi": application.story}
    Profile.objects.create(
        cooperative=cooperative, slug=_unique(Profile, "slug", slug), is_public=True, **story
    )
    User = get_user_model()
    existing = User.objects.filter(email__iexact=application.contact_email).order_by("pk").first()
    if existing is None:
        # A fresh account: only the applicant's mailbox receives its set-password link.
        user = User(
            username=_unique(User, "username", slug)[:150],
            email=application.contact_email,
            first_name=application.contact_name[:150],
        )
        user.set_unusable_password()
        user.save()
        grant_dashboard(user, partner)
    else:
        # Anyone could have registered that address: the account gets the dashboard only
        # when its owner, signed in, opens the claim link mailed to the address now.
        user = existing
    application.status = Application.Status.APPROVED
    application.cooperative = cooperative
    application.reviewed_at = timezone.now()
    application.reviewed_by = reviewer
    application.save()
    pk, user_pk = application.pk, user.pk
    mail.send_on_commit(approved_email, pk, user_pk)
    return application


def grant_dashboard(user, partner):
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)


CLAIM_SALT = "cooperatives.claim"


class ClaimError(Exception):
    pass


def claim_token(application, user):
    """A signed, expiring link token naming the application, the account and its e-mail."""
    return signing.dumps(
        {"a": application.pk, "u": user.pk, "e": (user.email or "").lower()}, salt=CLAIM_SALT
    )


def read_claim_token(token):
    try:
        return signing.loads(
            token, salt=CLAIM_SALT, max_age=settings.COOPERATIVE_CLAIM_MAX_AGE_SECONDS
        )
    except signing.SignatureExpired as exc:
        raise ClaimError(
            _("This link has expired. Write to us and we will send a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise ClaimError(_("This link is not valid.")) from exc


@transaction.atomic
def claim_cooperative(token, user):
    """Gives ``user`` the dashboard of the cooperative the claim link was sent for: once,
    before it expires, and only to the signed-in account the link names (whose e-mail is
    still the applicant's)."""
    data = read_claim_token(token)
    application = (
        # Only the application's row: PostgreSQL cannot lock the nullable side of the
        # outer join to its cooperative.
        Application.objects.select_for_update(of=("self",))
        .select_related("cooperative__partner")
        .filter(pk=data.get("a"), status=Application.Status.APPROVED)
        .first()
    )
    if application is None or application.cooperative is None:
        raise ClaimError(_("This link is not valid."))
    if application.claimed_at is not None:
        raise ClaimError(_("This link has already been used."))
    email = (user.email or "").lower()
    if (
        user.pk != data.get("u")
        or email != data.get("e")
        or email != (application.contact_email.lower())
    ):
        raise ClaimError(_("Sign in with the account this link was sent to, then open it again."))
    grant_dashboard(user, application.cooperative.partner)
    application.claimed_at = timezone.now()
    application.claimed_by = user
    application.save(update_fields=["claimed_at", "claimed_by"])
    return application


@transaction.atomic
def reject_application(application, *, reason, reviewer=None):
    if not reason.strip():
        raise ApplicationError("a reason is required")
    application = _locked(application)
    if application.status != Application.Status.PENDING:
        raise ApplicationError("only pending applications can be rejected")
    application.status = Application.Status.REJECTED
    application.reason = reason.strip()
    application.reviewed_at = timezone.now()
    application.reviewed_by = reviewer
    application.save()
    pk = application.pk
    mail.send_on_commit(rejected_email, pk)
    return application


def _message(application, kind, context):
    with translation.override(application.language or settings.LANGUAGE_CODE):
        context = {"application": application, "shop_name": settings.OSCAR_SHOP_NAME, **context}
        subject = render_to_string(f"cooperatives/emails/{kind}_subject.txt", context)
        body = render_to_string(f"cooperatives/emails/{kind}.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [application.contact_email],
    )


def approval_user(application):
    """The account an approved application's e-mail goes to (its dashboard user, or the
    existing account with the applicant's address that has not claimed it yet)."""
    partner = application.cooperative.partner if application.cooperative else None
    if partner is not None and application.claimed_by_id:
        return application.claimed_by
    users = get_user_model().objects.filter(email__iexact=application.contact_email)
    if partner is not None and partner.users.filter(pk__in=users).exists():
        return partner.users.filter(pk__in=users).order_by("pk").first()
    return users.order_by("pk").first()


def send_approved_email(application_pk, user_pk):
    """Send the approval e-mail again (the admin's action), through the e-mail task."""
    mail.send_later(approved_email, application_pk, user_pk)


# The e-mails (sent by core.mail's task once the change has committed).


def approved_email(application_pk, user_pk):
    """The set-password link of a fresh account; for an existing account, the claim link
    (and a password-reset link in case the applicant never chose that password)."""
    application = Application.objects.select_related("cooperative__partner").get(pk=application_pk)
    user = get_user_model().objects.get(pk=user_pk)
    site = settings.SITE_URL.rstrip("/")
    with translation.override(application.language or settings.LANGUAGE_CODE):
        reset_path = reverse(
            "password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {"set_password_url": site + reset_path}
        if not application.cooperative.partner.users.filter(pk=user.pk).exists():
            claim_path = reverse(
                "cooperatives:claim", kwargs={"token": claim_token(application, user)}
            )
            context["claim_url"] = site + claim_path
            context["claim_days"] = settings.COOPERATIVE_CLAIM_MAX_AGE_SECONDS // 86400
    return _message(application, "approved", context)


def rejected_email(application_pk):
    application = Application.objects.get(pk=application_pk)
    return _message(application, "rejected", {})
