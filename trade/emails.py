"""E-mails about enquiries, in the buyer's language for the buyer and in Vietnamese for
sellers and staff, sent through the site's one door for mail (``core.mail``)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core import mail


def send_on_commit(kind, enquiry, quote_pk=None):
    mail.send_on_commit(build_buyer_message, enquiry.pk, kind, quote_pk)


def notify_sellers_on_commit(kind, enquiry):
    """One notice per cooperative named in the enquiry, and one to staff if set."""
    partner_ids = sorted(set(enquiry.lines.values_list("partner_id", flat=True)))
    for partner_id in partner_ids:
        mail.send_on_commit(build_seller_notice, enquiry.pk, kind, partner_id)
    if settings.TRADE_NOTIFY_EMAIL:
        mail.send_on_commit(build_seller_notice, enquiry.pk, kind, None)


def _subject(kind, enquiry):
    subjects = {
        "received": _("We received your enquiry %(ref)s"),
        "quoted": _("Your quote %(ref)s is ready"),
        "accepted": _("Quote accepted: order for %(ref)s, how to pay"),
        "new_enquiry": _("New wholesale enquiry %(ref)s from %(company)s"),
        "revision": _("Revision asked for on %(ref)s (%(company)s)"),
        "paid": _("Wholesale order paid: %(ref)s (%(company)s)"),
    }
    return subjects[kind] % {"ref": enquiry.reference, "company": enquiry.company}


def build_buyer_message(enquiry_pk, kind, quote_pk=None):
    from trade import links, services
    from trade.models import Enquiry

    enquiry = Enquiry.objects.get(pk=enquiry_pk)
    quote = enquiry.quotes.filter(pk=quote_pk).first() if quote_pk else None
    with translation.override(enquiry.language or settings.LANGUAGE_CODE):
        order = getattr(quote, "order", None) if quote else None
        context = {
            "enquiry": enquiry,
            "kind": kind,
            "quote": quote,
            "total": services.quote_total(quote) if quote else None,
            "order": order,
            "payment": services.open_payment(order) if order else None,
            "enquiry_url": links.enquiry_url(enquiry),
            "site_name": getattr(settings, "OSCAR_SHOP_NAME", "Sâm Lai Châu"),
        }
        subject = _subject(kind, enquiry)
        body = render_to_string("trade/emails/buyer.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[enquiry.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


def build_seller_notice(enquiry_pk, kind, partner_pk=None):
    from django.apps import apps
    from django.urls import reverse

    from trade.models import Enquiry

    enquiry = Enquiry.objects.get(pk=enquiry_pk)
    if partner_pk is None:
        to = [settings.TRADE_NOTIFY_EMAIL]
    else:
        Partner = apps.get_model("partner", "Partner")
        partner = Partner.objects.filter(pk=partner_pk).first()
        to = sorted(
            {u.email for u in partner.users.filter(is_active=True) if u.email} if partner else ()
        )
    if not to:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.SITE_URL.rstrip("/") + reverse(
            "dashboard:trade-enquiry", kwargs={"pk": enquiry.pk}
        )
        subject = _subject(kind, enquiry)
        body = render_to_string(
            "trade/emails/seller.txt", {"enquiry": enquiry, "kind": kind, "url": url}
        )
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=to, from_email=settings.DEFAULT_FROM_EMAIL
    )
